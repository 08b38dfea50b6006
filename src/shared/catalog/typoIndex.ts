// Finds the known words one edit away from a misspelt one ("ultrasond" -> "ultrasound"):
// insertion, deletion, substitution or swap of two neighbouring letters. Uses a map of every
// one-letter deletion of each known word, so a lookup costs a few map reads, not a scan.

const MIN_LENGTH = 4;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal string alignment distance, stopping early once it exceeds 1. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    return (
      diffs.length === 2 &&
      diffs[1] === diffs[0]! + 1 &&
      a[diffs[0]!] === b[diffs[1]!] &&
      a[diffs[1]!] === b[diffs[0]!]
    );
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

export class TypoIndex {
  private readonly words: Map<string, number>;
  private readonly byDeletion = new Map<string, string[]>();

  /** `words` maps each known word to how often it occurs; frequent words win ties. */
  constructor(words: Map<string, number>) {
    this.words = words;
    for (const word of words.keys()) {
      if (word.length < MIN_LENGTH) continue;
      for (const variant of deletions(word)) {
        const list = this.byDeletion.get(variant);
        if (list) list.push(word);
        else this.byDeletion.set(variant, [word]);
      }
    }
  }

  has(word: string): boolean {
    return this.words.has(word);
  }

  /** Known words within one edit of `word`, most frequent first; empty for known or short words. */
  corrections(word: string, limit = 3): string[] {
    if (word.length < MIN_LENGTH || this.words.has(word)) return [];
    const found = new Set<string>();
    for (const candidate of this.byDeletion.get(word) ?? []) found.add(candidate); // a letter was left out
    for (const variant of deletions(word)) {
      if (this.words.has(variant)) found.add(variant); // an extra letter
      for (const candidate of this.byDeletion.get(variant) ?? []) found.add(candidate); // a wrong or swapped letter
    }
    return [...found]
      .filter((candidate) => withinOneEdit(word, candidate))
      .sort((a, b) => (this.words.get(b) ?? 0) - (this.words.get(a) ?? 0) || a.localeCompare(b))
      .slice(0, limit);
  }
}
