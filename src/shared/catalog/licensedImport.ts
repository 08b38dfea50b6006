// Reads the practice's licensed CDT file (CSV: code, nomenclature, descriptor) and checks every row.
// Pure: the main process compares the result with the database and applies it.
import { CsvSyntaxError, decodeUtf8, parseCsv } from '../csv/parseCsv';

export const LICENSED_FILE_LIMITS = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 20_000,
  maxNomenclature: 500,
  maxDescriptor: 4000,
};

export interface LicensedRow {
  line: number;
  code: string;
  nomenclature: string;
  descriptor: string;
}

/** An error a person can fix: the line (and column) of the file and what is wrong. Never the cell's text. */
export interface ImportIssue {
  line: number;
  column: 'code' | 'nomenclature' | 'descriptor' | null;
  message: string;
}

export interface LicensedFile {
  rows: LicensedRow[];
  issues: ImportIssue[];
}

const CONTROL = /[\p{Cc}\p{Cf}]/u;
const ALLOWED_CONTROL = /[\t\r\n]/g;

function hasBadControl(text: string): boolean {
  return CONTROL.test(text.replace(ALLOWED_CONTROL, ''));
}

function isHeader(cells: string[]): boolean {
  return /code/i.test(cells[0] ?? '') && !/^\s*D\d{4}\s*$/i.test(cells[0] ?? '');
}

export function readLicensedCdtFile(bytes: Uint8Array): LicensedFile {
  const fail = (message: string, line = 1): LicensedFile => ({
    rows: [],
    issues: [{ line, column: null, message }],
  });
  if (bytes.length === 0) return fail('The file is empty.');
  if (bytes.length > LICENSED_FILE_LIMITS.maxBytes)
    return fail(
      'The file is larger than 5 MB; a CDT code file is much smaller. Check that this is the right file.',
    );
  const text = decodeUtf8(bytes);
  if (text === null) {
    return fail(
      'The file is not UTF-8 text. In your spreadsheet, save it as "CSV UTF-8" and import that copy.',
    );
  }
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fail(error.message, error.line);
    throw error;
  }
  if (records.length > 0 && isHeader(records[0]!.cells)) records = records.slice(1);
  if (records.length === 0) return fail('The file has no code rows.');
  if (records.length > LICENSED_FILE_LIMITS.maxRows)
    return fail(`The file has more than ${LICENSED_FILE_LIMITS.maxRows} rows.`);

  const rows: LicensedRow[] = [];
  const issues: ImportIssue[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of records) {
    if (cells.length !== 3) {
      issues.push({
        line,
        column: null,
        message: `Line ${line} has ${cells.length} column${cells.length === 1 ? '' : 's'}; expected 3 (code, nomenclature, descriptor).`,
      });
      continue;
    }
    const code = cells[0]!.trim().toUpperCase();
    const nomenclature = cells[1]!.trim();
    const descriptor = cells[2]!.trim();
    const before = issues.length;
    if (!/^D\d{4}$/.test(code)) {
      issues.push({
        line,
        column: 'code',
        message: `Line ${line}: the code is not a CDT code (D and four digits, like D0367).`,
      });
    } else if (firstLineOf.has(code)) {
      issues.push({
        line,
        column: 'code',
        message: `Line ${line}: ${code} already appears on line ${firstLineOf.get(code)}.`,
      });
    }
    if (nomenclature === '') {
      issues.push({ line, column: 'nomenclature', message: `Line ${line}: the nomenclature is empty.` });
    } else if (nomenclature.length > LICENSED_FILE_LIMITS.maxNomenclature) {
      issues.push({
        line,
        column: 'nomenclature',
        message: `Line ${line}: the nomenclature is longer than ${LICENSED_FILE_LIMITS.maxNomenclature} characters.`,
      });
    }
    if (descriptor.length > LICENSED_FILE_LIMITS.maxDescriptor) {
      issues.push({
        line,
        column: 'descriptor',
        message: `Line ${line}: the descriptor is longer than ${LICENSED_FILE_LIMITS.maxDescriptor} characters.`,
      });
    }
    for (const [column, value] of [
      ['nomenclature', nomenclature],
      ['descriptor', descriptor],
    ] as const) {
      if (hasBadControl(value))
        issues.push({
          line,
          column,
          message: `Line ${line}: the ${column} contains invisible control characters.`,
        });
    }
    if (/^D\d{4}$/.test(code) && !firstLineOf.has(code)) firstLineOf.set(code, line);
    if (issues.length === before) rows.push({ line, code, nomenclature, descriptor });
  }
  return { rows, issues };
}
