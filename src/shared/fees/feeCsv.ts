// Fee schedules as CSV: "code,fee" for the office's own fees, "code,allowed" for a plan's allowed fees.
import { CsvSyntaxError, decodeUtf8, parseCsv } from '../csv/parseCsv';
import { exportCsv } from '../csv/csvExports';
import { unescapeCell } from '../csv/writeCsv';
import { parseMoney } from '../money/cents';

export const FEE_FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 20_000 };

export interface FeeRow {
  code: string;
  cents: number;
}

export interface FeeIssue {
  line: number;
  column: 'code' | 'amount' | null;
  message: string;
}

export function feesToCsv(rows: readonly FeeRow[], amountHeader: 'fee' | 'allowed'): string {
  const dollars = (cents: number) => ({
    number: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`,
  });
  return amountHeader === 'fee'
    ? exportCsv(
        'officeFees',
        rows.map((r) => ({ code: r.code, fee: dollars(r.cents) })),
      )
    : exportCsv(
        'allowedFees',
        rows.map((r) => ({ code: r.code, allowed: dollars(r.cents) })),
      );
}

/** Reads a fee CSV completely; any issue means nothing may be applied. Messages never quote cells. */
export function readFeeCsv(bytes: Uint8Array, fileName: string): { rows: FeeRow[]; issues: FeeIssue[] } {
  const fail = (message: string, line = 1): { rows: FeeRow[]; issues: FeeIssue[] } => ({
    rows: [],
    issues: [{ line, column: null, message: `${fileName}, line ${line}: ${message}` }],
  });
  if (bytes.length === 0) return fail('the file is empty.');
  if (bytes.length > FEE_FILE_LIMITS.maxBytes) return fail('the file is larger than 5 MB.');
  const text = decodeUtf8(bytes);
  if (text === null) return fail('the file is not UTF-8 text. Save it as "CSV UTF-8" and try again.');
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fail(error.message, error.line);
    throw error;
  }
  const header = records[0];
  const names = header?.cells.map((c) => c.trim().toLowerCase());
  if (
    !header ||
    names?.length !== 2 ||
    names[0] !== 'code' ||
    !['fee', 'allowed', 'amount'].includes(names[1]!)
  ) {
    return fail('the first row must be the header "code,fee" (or "code,allowed").', header?.line ?? 1);
  }
  if (records.length - 1 > FEE_FILE_LIMITS.maxRows)
    return fail(`the file has more than ${FEE_FILE_LIMITS.maxRows} rows.`);
  const rows: FeeRow[] = [];
  const issues: FeeIssue[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of records.slice(1)) {
    const where = `${fileName}, line ${line}`;
    if (cells.length !== 2) {
      issues.push({
        line,
        column: null,
        message: `${where}: expected 2 columns (code, amount), found ${cells.length}.`,
      });
      continue;
    }
    const code = unescapeCell(cells[0]!.trim()).toUpperCase();
    const amountText = cells[1]!.trim();
    let ok = true;
    if (!/^D\d{4}$/.test(code)) {
      issues.push({
        line,
        column: 'code',
        message: `${where}, column code: not a CDT code (D and four digits).`,
      });
      ok = false;
    } else if (seen.has(code)) {
      issues.push({
        line,
        column: 'code',
        message: `${where}, column code: ${code} already appears on line ${seen.get(code)}.`,
      });
      ok = false;
    }
    const cents = parseMoney(amountText);
    if (cents === null) {
      issues.push({
        line,
        column: 'amount',
        message: `${where}, column amount: not an amount (write 1234.56 or $1,234.56).`,
      });
      ok = false;
    }
    if (ok) {
      seen.set(code, line);
      rows.push({ code, cents: cents! });
    }
  }
  return { rows, issues };
}
