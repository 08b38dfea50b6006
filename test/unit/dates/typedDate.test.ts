// Dates typed the way US staff type them, read into YYYY-MM-DD, and shown back in each reader's convention.
// The "today" here is a fixed literal on purpose: the two-digit-year rule is what is tested.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIso } from '../../../src/shared/dates/calendar';
import { formatDate, parseTypedDate } from '../../../src/shared/dates/typedDate';

const TODAY = '2026-12-06';

describe('parseTypedDate: what people type', () => {
  const good: Array<[string, string, boolean?]> = [
    ['12/01/2026', '2026-12-01'],
    ['12/1/2026', '2026-12-01'],
    ['1/1/26', '2026-01-01'],
    ['01/01/26', '2026-01-01'],
    ['1-1-2026', '2026-01-01'],
    ['1.1.2026', '2026-01-01'],
    ['1 1 2026', '2026-01-01'],
    ['  02/28/2026 ', '2026-02-28'],
    ['02/29/2028', '2028-02-29'],
    ['02/29/2000', '2000-02-29'],
    ['12012026', '2026-12-01'],
    ['120126', '2026-12-01'],
    ['20261201', '2026-12-01'],
    ['2026-12-01', '2026-12-01'],
    ['2026-1-5', '2026-01-05'],
    ['2026/12/01', '2026-12-01'],
    // Two-digit years: within 80 years back and 19 ahead of today's year.
    ['6/15/45', '2045-06-15'],
    ['6/15/46', '1946-06-15'],
    ['6/15/99', '1999-06-15'],
    // A date of birth is never in the future: 1/1/30 is 1930, 12/06/26 is today, 12/07/26 is 1926.
    ['1/1/30', '1930-01-01', true],
    ['12/06/26', '2026-12-06', true],
    ['12/07/26', '1926-12-07', true],
    ['01/02/70', '1970-01-02', true],
  ];
  it.each(good)('%s reads as %s', (typed, iso, past) => {
    expect(parseTypedDate(typed, { today: TODAY, past: past ?? false })).toEqual({ ok: true, iso });
  });

  const bad: Array<[string, RegExp]> = [
    ['02/30/2026', /^February 2026 has 28 days: check the day\.$/],
    ['02/29/2026', /February 2026 has 28 days/],
    ['02/29/1900', /February 1900 has 28 days/],
    ['04/31/2026', /April 2026 has 30 days/],
    [
      '13/01/2026',
      /^There is no month 13: type the month first, like 12\/31\/2026\. Did you mean 01\/13\/2026\?$/,
    ],
    ['31/12/2026', /no month 31.*Did you mean 12\/31\/2026\?/],
    ['00/10/2026', /^There is no month 0: type the month first, like 12\/31\/2026\.$/],
    ['12/00/2026', /December 2026 has 31 days/],
    ['2026-02-30', /February 2026 has 28 days/],
    ['2026-13-01', /no month 13/],
    ['', /^Type a date, like 12\/31\/2026\.$/],
    ['   ', /Type a date/],
    ['tomorrow', /^Type the date like 12\/31\/2026\.$/],
    ['12/1', /Type the date like/],
    ['12/1/202', /Type the date like/],
    ['1/1/0026', /Check the year/],
    ['12/01/2026x', /Type the date like/],
    ['1234567', /Type the date like/],
  ];
  it.each(bad)('%j is refused with a message saying what to fix', (typed, message) => {
    const result = parseTypedDate(typed, { today: TODAY });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('needs a real today to place a two-digit year', () => {
    expect(() => parseTypedDate('1/1/26', { today: 'today' })).toThrow(RangeError);
  });

  it('every real date typed as MM/DD/YYYY comes back as itself, and its display reads back too', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date(1900, 0, 1), max: new Date(2099, 11, 31), noInvalidDate: true }),
        (d) => {
          const iso = formatIso(d.getFullYear(), d.getMonth() + 1, d.getDate());
          const shown = formatDate(iso);
          expect(parseTypedDate(shown, { today: TODAY })).toEqual({ ok: true, iso });
          expect(parseTypedDate(iso, { today: TODAY })).toEqual({ ok: true, iso });
        },
      ),
    );
  });
});

describe('formatDate: how a stored date is shown', () => {
  it.each([
    ['2026-12-01', 'en', '12/01/2026'],
    ['2026-12-01', 'es', '01/12/2026'],
    ['1970-01-02', 'en', '01/02/1970'],
    ['1970-01-02', 'es', '02/01/1970'],
    ['2028-02-29', 'en', '02/29/2028'],
  ] as const)('%s in %s is %s', (iso, convention, shown) => {
    expect(formatDate(iso, convention)).toBe(shown);
  });

  it('leaves anything that is not a stored date as it is, never inventing one', () => {
    expect(formatDate('2026-02-30')).toBe('2026-02-30');
    expect(formatDate('')).toBe('');
    expect(formatDate('12/01/2026')).toBe('12/01/2026');
  });
});
