import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/shared/csv/parseCsv';
import { escapeCell, toCsv, unescapeCell } from '../../../src/shared/csv/writeCsv';

describe('CSV output safe for spreadsheets', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+cmd', "'+cmd"],
    ['-2+3', "'-2+3"],
    ['\t=1', `'\t=1`],
    ['\r=1', `"'\r=1"`],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
  ])('%j -> %s', (cell, out) => expect(escapeCell(cell)).toBe(out));

  it('leaves numbers unprefixed', () => {
    expect(
      toCsv([
        ['code', 'fee'],
        ['D0367', { number: '1200.00' }],
      ]),
    ).toBe('code,fee\r\nD0367,1200.00\r\n');
  });

  it('property: any text written and read back equals the escaped cell, and no cell starts a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string({ maxLength: 12, unit: 'grapheme' }), { minLength: 2, maxLength: 3 }), {
          minLength: 1,
          maxLength: 4,
        }),
        (rows) => {
          const text = toCsv([
            ['a', 'b', 'c'].slice(0, rows[0]!.length),
            ...rows.map((r) => r.slice(0, rows[0]!.length)),
          ]);
          const back = parseCsv(text).slice(1);
          back.forEach((record, i) => {
            record.cells.forEach((cell, j) => {
              const original = rows[i]![j]!;
              expect(/^[=+\-@\t\r\0]/.test(cell)).toBe(false);
              expect(unescapeCell(cell)).toBe(original);
            });
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('negative control: without the guard a formula cell would get through', () => {
    const unguarded = (t: string) => (/[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    expect(/^[=+\-@]/.test(parseCsv(unguarded('=1+1'))[0]!.cells[0]!)).toBe(true);
    expect(/^[=+\-@]/.test(parseCsv(escapeCell('=1+1'))[0]!.cells[0]!)).toBe(false);
  });
});
