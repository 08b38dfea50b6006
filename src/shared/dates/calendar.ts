// Date arithmetic on YYYY-MM-DD strings, in whole calendar days, without time zones.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(date: string): { y: number; m: number; d: number } | null {
  const match = ISO.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

export function isIsoDate(date: string): boolean {
  return parseIsoDate(date) !== null;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Days since 0001-01-01 (proleptic Gregorian), for differences between dates. */
function dayNumber(date: string): number {
  const p = parseIsoDate(date);
  if (!p) throw new Error(`Not a calendar date: ${date}`);
  const y = p.m <= 2 ? p.y - 1 : p.y;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (p.m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + p.d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function formatIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Adds calendar months; the day is clamped to the month's end (Jan 31 + 1 month = Feb 28 or 29). */
export function addMonths(date: string, months: number): string {
  const p = parseIsoDate(date)!;
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatIso(y, m, Math.min(p.d, daysInMonth(y, m)));
}

export function addDays(date: string, days: number): string {
  const p = parseIsoDate(date)!;
  let { y, m, d } = p;
  d += days;
  while (d > daysInMonth(y, m)) {
    d -= daysInMonth(y, m);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  while (d < 1) {
    m--;
    if (m < 1) {
      m = 12;
      y--;
    }
    d += daysInMonth(y, m);
  }
  return formatIso(y, m, d);
}
