// The one clock every test runs on. No test reads the machine's date: main's injected `now`, the
// browser page's clock and every fixture date come from here, so the suite gives the same answers on
// any day. `VERIFYDESK_TEST_TODAY=YYYY-MM-DD` moves the whole suite to another day (the aging pass in
// `npm test` runs it years ahead, under faketime at yet another date, so a test that reads the real
// clock or writes a date that can age fails there).
import { addDays, addMonths, isIsoDate } from '../../src/shared/dates/calendar';

const DEFAULT_TODAY = '2026-12-06';

function readToday(): string {
  // Through globalThis: the renderer's tests (jsdom, typed for the browser) run on this clock too.
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  const value = env?.VERIFYDESK_TEST_TODAY?.trim();
  if (!value) return DEFAULT_TODAY;
  if (!isIsoDate(value))
    throw new Error(`VERIFYDESK_TEST_TODAY must be a date like 2031-12-31, not "${value}".`);
  return value;
}

/** The tests' "today", a local calendar date. */
export const TEST_TODAY = readToday();

/** Noon on a local calendar date (noon keeps every time zone on the same day). */
export function atNoon(date: string, hour = 12, minute = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, hour, minute, 0, 0);
}

/** The tests' "now": noon of TEST_TODAY, local time. */
export const TEST_NOW: Date = atNoon(TEST_TODAY);

/** A fixed clock: every call returns the same instant (a fresh Date, so callers cannot move it). */
export function fixedClock(at: Date = TEST_NOW): () => Date {
  const ms = at.getTime();
  return () => new Date(ms);
}

/** TEST_TODAY plus (or minus) whole days, as YYYY-MM-DD. */
export function daysFromToday(days: number): string {
  return addDays(TEST_TODAY, days);
}

/** TEST_TODAY plus (or minus) calendar months, clamped to the month's end. */
export function monthsFromToday(months: number): string {
  return addMonths(TEST_TODAY, months);
}

/** January 1 of the test year plus `years` (for benefit years, effective dates). */
export function yearStart(years = 0): string {
  return `${String(Number(TEST_TODAY.slice(0, 4)) + years).padStart(4, '0')}-01-01`;
}

/** The test year plus `years`, as a number. */
export function testYear(years = 0): number {
  return Number(TEST_TODAY.slice(0, 4)) + years;
}

/**
 * The month a benefit year starts in so that the four months before the tests' day and the seven after it
 * are one benefit year. For tests whose point is not the renewal: on a calendar year, a call last month
 * and a visit next month straddle January 1 whenever the tests' day is near it, and the maximum left and
 * deductible met rightly start again.
 */
export function benefitYearStartMonthAroundToday(): number {
  return Number(monthsFromToday(-4).slice(5, 7));
}

export interface TestClock {
  now(): Date;
  /** Moves the clock forward (or back) by `ms`. */
  advance(ms: number): void;
  /** Sets the clock to `at`; it runs on from there. */
  set(at: Date): void;
}

/**
 * A clock that starts at `start` and runs on with the monotonic timer, for suites where time must pass
 * (call timers, hold time, a browser page beside main). It never reads the wall clock.
 */
export function runningClock(start: Date = TEST_NOW): TestClock {
  let base = start.getTime();
  let origin = performance.now();
  return {
    now: () => new Date(base + Math.floor(performance.now() - origin)),
    advance(ms) {
      base += ms;
    },
    set(at) {
      base = at.getTime();
      origin = performance.now();
    },
  };
}

/** A clock that moves only when told to (automatic lock, staleness windows, backup rotation). */
export function manualClock(start: Date = TEST_NOW): TestClock {
  let ms = start.getTime();
  return {
    now: () => new Date(ms),
    advance(delta) {
      ms += delta;
    },
    set(at) {
      ms = at.getTime();
    },
  };
}
