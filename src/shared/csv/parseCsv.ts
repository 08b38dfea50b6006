// A strict RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks; a stray quote
// is an error, not a guess. Each record knows the physical line it starts on, for error messages.

export interface CsvRecord {
  /** 1-based physical line where the record starts (embedded line breaks counted). */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** Where an unquoted value ends: a comma, a line break, or a stray quote (an error). */
const UNQUOTED_END = /[,\r\n"]/g;

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks in a run of text: CRLF counts once, a lone CR or LF once each. */
function lineBreaks(run: string): number {
  let count = 0;
  LINE_BREAK.lastIndex = 0;
  while (LINE_BREAK.exec(run)) count++;
  return count;
}

/** Parses CSV text (already decoded, BOM removed). Blank lines are skipped. Accepts CRLF, LF and CR. */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let atRecordEnd = false;
    // Blank line: skip it.
    if (text[i] === '\n' || text[i] === '\r') {
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    while (!atRecordEnd) {
      if (text[i] === '"') {
        // Quoted: whole runs up to the next quote are taken at once (one character at a time took
        // seconds on a multi-megabyte field), counting the line breaks inside them.
        i++;
        let closed = false;
        while (i < n) {
          const quote = text.indexOf('"', i);
          const run = text.slice(i, quote === -1 ? n : quote);
          cell += run;
          line += lineBreaks(run);
          if (quote === -1) {
            i = n;
            break;
          }
          if (text[quote + 1] === '"') {
            cell += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          closed = true;
          break;
        }
        if (!closed) {
          throw new CsvSyntaxError(
            startLine,
            `A quoted value that starts on line ${startLine} is never closed.`,
          );
        }
        if (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
          throw new CsvSyntaxError(line, `Line ${line} has text right after a closing quote.`);
        }
      } else {
        UNQUOTED_END.lastIndex = i;
        const end = UNQUOTED_END.exec(text)?.index ?? n;
        if (text[end] === '"') {
          throw new CsvSyntaxError(line, `Line ${line} has a quote inside a value that is not quoted.`);
        }
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      cell = '';
      if (i >= n) {
        atRecordEnd = true;
      } else if (text[i] === ',') {
        i++;
        if (i >= n) {
          cells.push('');
          atRecordEnd = true;
        }
      } else {
        i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
        line++;
        atRecordEnd = true;
      }
    }
    records.push({ line: startLine, cells });
  }
  return records;
}

/** Decodes bytes as UTF-8, refusing anything that is not, and drops a leading byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return null;
  }
}
