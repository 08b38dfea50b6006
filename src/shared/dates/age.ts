// Age in whole years on a given date (the date of service, never "today").
import { isLeapYear, parseIsoDate } from './calendar';

/**
 * Whole years from `dob` to `on`. Someone born on February 29 has their birthday on March 1 in common
 * years (they are not a year older until February has fully passed).
 */
export function ageOn(dob: string, on: string): number {
  const b = parseIsoDate(dob);
  const d = parseIsoDate(on);
  if (!b || !d) throw new RangeError('ageOn needs two YYYY-MM-DD dates');
  let years = d.y - b.y;
  const [bm, bd] = b.m === 2 && b.d === 29 && !isLeapYear(d.y) ? [3, 1] : [b.m, b.d];
  if (d.m < bm || (d.m === bm && d.d < bd)) years--;
  return years;
}
