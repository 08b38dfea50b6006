import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, decodeUtf8, parseCsv } from '../../../src/shared/csv/parseCsv';

describe('parseCsv', () => {
  it('reads plain rows with LF, CRLF and CR line ends and no final newline', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      expect(parseCsv(`a,b,c${eol}d,e,f`)).toEqual([
        { line: 1, cells: ['a', 'b', 'c'] },
        { line: 2, cells: ['d', 'e', 'f'] },
      ]);
    }
  });

  it('reads quoted commas, doubled quotes and line breaks, and numbers lines physically', () => {
    const text = 'D0367,"Cone beam, both jaws","He said ""ok""\nsecond line"\nD0368,x,y\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['D0367', 'Cone beam, both jaws', 'He said "ok"\nsecond line'] },
      { line: 3, cells: ['D0368', 'x', 'y'] },
    ]);
  });

  it('keeps empty cells, including a trailing one, and skips blank lines', () => {
    expect(parseCsv('a,,\n\n\nb,c,d')).toEqual([
      { line: 1, cells: ['a', '', ''] },
      { line: 4, cells: ['b', 'c', 'd'] },
    ]);
  });

  it.each([
    ['an unclosed quote', 'a,b\nc,"never closed\nmore', 2],
    ['a quote inside an unquoted value', 'a,b"c,d', 1],
    ['text after a closing quote', '"a"b,c', 1],
  ])('refuses %s with the line number', (_label, text, line) => {
    try {
      parseCsv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).line).toBe(line);
    }
  });

  it('property: quoting any cells and parsing gives the cells back', () => {
    const cell = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
          expect(parseCsv(text).map((r) => r.cells)).toEqual(rows);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('decodeUtf8', () => {
  it('drops a byte-order mark and refuses bytes that are not UTF-8', () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
    expect(decodeUtf8(new Uint8Array([0x61, 0xe9, 0x62]))).toBeNull(); // Latin-1 é
  });
});
