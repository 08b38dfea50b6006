// Turns whatever a person typed into safe search parts: a code to look up, and plain words. The code
// lookup searches in memory (catalogSearch.ts); the Records search still uses FTS5, and nothing typed
// reaches FTS5 syntax unquoted, so quotes, *, -, NEAR or ( ) cannot break a query.

/** Only this much of a query is looked at; a pasted page of text still searches, just on its start. */
export const MAX_QUERY_CHARS = 200;
const MAX_WORDS = 8;
const MAX_WORD_CHARS = 40;

export interface CodeQuery {
  /** "D0371" for d371, 0371, 371, D0371. */
  exact: string | null;
  /** Code prefixes to list, e.g. "D03" and "D003" for "d3". */
  prefixes: string[];
}

/** Reads a CDT code or code prefix from the query, if that is what it is. */
export function parseCdtQuery(raw: string): CodeQuery {
  const q = raw.trim().toUpperCase().replace(/\s+/g, '');
  const match = /^D?(\d{1,4})$/.exec(q);
  if (!match) return { exact: null, prefixes: [] };
  const digits = match[1]!;
  // Three or four digits name one code (371 -> D0371); fewer are the start of one (d3 -> D03..).
  const exact = digits.length >= 3 ? `D${digits.padStart(4, '0')}` : null;
  const prefixes = digits.length < 4 ? [...new Set([`D${digits}`, `D0${digits}`])] : [];
  return { exact, prefixes };
}

/** Reads an ICD-10-CM code from the query ("k115", "K11.5", "s02.609a"), normalised with its dot. */
export function parseIcd10Query(raw: string): string | null {
  const q = raw.trim().toUpperCase().replace(/\s+/g, '');
  const match = /^([A-Z]\d[0-9A-Z])\.?([0-9A-Z]{0,4})$/.exec(q);
  if (!match) return null;
  return match[2] ? `${match[1]}.${match[2]}` : match[1]!;
}

/**
 * An FTS5 MATCH expression: every word group must match (AND), each group is a set of alternatives
 * (the word and its typo corrections), the last group may match as a prefix. Every term is quoted.
 */
export function buildMatchExpression(
  groups: string[][],
  options: { prefixLast: boolean; mode: 'all' | 'any' },
): string {
  const quote = (term: string) => `"${term.replace(/"/g, '""')}"`;
  const parts = groups
    .filter((alternatives) => alternatives.length > 0)
    .map((alternatives, index, all) => {
      const isLast = index === all.length - 1;
      const terms = alternatives.map((term, i) =>
        isLast && options.prefixLast && i === 0 ? `${quote(term)}*` : quote(term),
      );
      return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
    });
  return parts.join(options.mode === 'all' ? ' AND ' : ' OR ');
}

/** The words of a text: letters and digits only, lower-cased, accents folded. */
export function foldedWords(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/** The words of a query: letters and digits only, lower-cased, accents folded, bounded in count and size. */
export function queryWords(raw: string): string[] {
  return foldedWords(raw.slice(0, MAX_QUERY_CHARS))
    .slice(0, MAX_WORDS)
    .map((w) => w.slice(0, MAX_WORD_CHARS));
}
