// Dates as people type and read them. US staff type 12/1/2026, 12/01/26 or 12012026 (and sometimes
// 2026-12-01); VerifyDesk stores YYYY-MM-DD and shows MM/DD/YYYY on screens and English printouts,
// DD/MM/YYYY on Spanish printouts (the convention a Spanish-speaking reader expects).
import { daysInMonth, formatIso, parseIsoDate } from './calendar';

export type TypedDate = { ok: true; iso: string } | { ok: false; message: string };

export interface TypedDateOptions {
  /** Today, YYYY-MM-DD: decides the century of a two-digit year. */
  today: string;
  /**
   * A date that cannot be in the future (a date of birth): a two-digit year is the latest year that
   * does not put the date after today (1/1/30 typed in 2026 is 1930).
   */
  past?: boolean;
}

export const DATE_EXAMPLE = '12/31/2026';
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const US = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/;
const ISO_LIKE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DIGITS = /^\d{6}$|^\d{8}$/;

/**
 * The year a two-digit year means. Dates in general: within 80 years before and 19 after today's year
 * (26 is 2026, 45 is 2045, 46 is 1946 in 2026). Past-only dates: the latest year not after today.
 */
function fullYear(yy: number, m: number, d: number, options: TypedDateOptions): number {
  const today = parseIsoDate(options.today);
  if (!today) throw new RangeError('parseTypedDate needs today as YYYY-MM-DD');
  const century = Math.floor(today.y / 100) * 100;
  let year = century + yy;
  if (options.past) {
    const after = year > today.y || (year === today.y && (m > today.m || (m === today.m && d > today.d)));
    return after ? year - 100 : year;
  }
  if (year > today.y + 19) year -= 100;
  else if (year < today.y - 80) year += 100;
  return year;
}

function check(y: number, m: number, d: number, typed: string): TypedDate {
  if (m < 1 || m > 12) {
    // 13/01/2026: most likely day first; say which order VerifyDesk reads.
    const swapped = d >= 1 && d <= 12 && m >= 13 && m <= 31 ? ` Did you mean ${pad(d)}/${pad(m)}/${y}?` : '';
    return {
      ok: false,
      message: `There is no month ${m}: type the month first, like ${DATE_EXAMPLE}.${swapped}`,
    };
  }
  if (y < 1000 || y > 9999) return { ok: false, message: `Check the year in "${typed}".` };
  const last = daysInMonth(y, m);
  if (d < 1 || d > last)
    return { ok: false, message: `${MONTH_NAMES[m - 1]} ${y} has ${last} days: check the day.` };
  return { ok: true, iso: formatIso(y, m, d) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a date as a person typed it: MM/DD/YYYY, M/D/YY (slashes, dashes, dots or spaces), MMDDYYYY,
 * MMDDYY, or YYYY-MM-DD. The message says what to fix when it is not a real date. Empty text is not
 * a date (callers decide whether a date may be left out).
 */
export function parseTypedDate(text: string, options: TypedDateOptions): TypedDate {
  const typed = text.trim();
  if (typed === '') return { ok: false, message: `Type a date, like ${DATE_EXAMPLE}.` };
  const iso = ISO_LIKE.exec(typed);
  if (iso) return check(Number(iso[1]), Number(iso[2]), Number(iso[3]), typed);
  let parts: [string, string, string] | null = null;
  const us = US.exec(typed);
  if (us) parts = [us[1]!, us[2]!, us[3]!];
  else if (DIGITS.test(typed)) {
    // Eight digits are MMDDYYYY, or YYYYMMDD when they start with a year (no month is 19 or 20).
    if (typed.length === 8 && Number(typed.slice(0, 2)) > 12) {
      return check(Number(typed.slice(0, 4)), Number(typed.slice(4, 6)), Number(typed.slice(6)), typed);
    }
    parts = [typed.slice(0, 2), typed.slice(2, 4), typed.slice(4)];
  }
  if (!parts) return { ok: false, message: `Type the date like ${DATE_EXAMPLE}.` };
  const [m, d] = [Number(parts[0]), Number(parts[1])];
  const y = parts[2].length === 2 ? fullYear(Number(parts[2]), m, d, options) : Number(parts[2]);
  return check(y, m, d, typed);
}

export type DateConvention = 'en' | 'es';

/**
 * A stored YYYY-MM-DD date for a reader: MM/DD/YYYY in English, DD/MM/YYYY in Spanish. Anything that
 * is not a stored date is returned as it is (never a wrong date).
 */
export function formatDate(iso: string, convention: DateConvention = 'en'): string {
  const p = parseIsoDate(iso);
  if (!p) return iso;
  return convention === 'es' ? `${pad(p.d)}/${pad(p.m)}/${p.y}` : `${pad(p.m)}/${pad(p.d)}/${p.y}`;
}

/** A stored date or null, for a reader; `none` when there is no date. */
export function formatDateOr(iso: string | null, none: string, convention: DateConvention = 'en'): string {
  return iso === null ? none : formatDate(iso, convention);
}
