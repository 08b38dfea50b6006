// A light English stemmer for the code lookup: "images", "imaging" and "image" meet at "imag"; "jaws"
// at "jaw"; "fractured" and "fracture" at "fractur". Applied the same way to the catalog's words and to
// what a person types, so it only has to be consistent, not linguistically right. Deliberately small:
// plural and verb endings only, so medical words ("sialolithiasis", "stenosis") are left whole.

/** Words whose forms no suffix rule joins. */
const IRREGULAR: Record<string, string> = {
  teeth: 'tooth',
  swollen: 'swell',
  broke: 'break',
  broken: 'break',
  bitten: 'bite',
  read: 'read',
};

/** Endings that look like a plural "s" but are not one ("stenosis", "abscess", "us"). */
const NOT_PLURAL = /(ss|is|us)$/;

const VOWEL = /[aeiouy]/;

function undouble(word: string): string {
  // "popp" -> "pop", "clicked" keeps "click": doubled consonants left by -ing/-ed, except l, s and z.
  return /([^aeiouylsz])\1$/.test(word) ? word.slice(0, -1) : word;
}

export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  // Codes, numbers and short words are taken as typed.
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !NOT_PLURAL.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));

  // A final silent e, so "image" meets "imag(ing)" and "fracture" meets "fractur(ed)".
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
