// RFC 4180 output that is safe to open in a spreadsheet: a text cell that starts with = + - @ tab, CR
// or NUL gets a leading apostrophe, so it is shown as text and never run as a formula.

const FORMULA_START = /^[=+\-@\t\r\0]/;

export function escapeCell(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A number written as-is (amounts and counts are never formulas). */
export interface RawNumber {
  number: string;
}

export function toCsv(rows: ReadonlyArray<ReadonlyArray<string | RawNumber>>): string {
  return (
    rows
      .map((row) => row.map((cell) => (typeof cell === 'string' ? escapeCell(cell) : cell.number)).join(','))
      .join('\r\n') + '\r\n'
  );
}

/** Undoes our own formula guard when a file we exported comes back. */
export function unescapeCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
