// Text as people search it: lower case, accents and other marks removed (Ramírez is ramirez), split
// into words on spaces, hyphens and punctuation.

export function foldedWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}
