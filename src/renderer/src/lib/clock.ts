// The renderer's one reading of the wall clock. Screens ask here for "now" and "today"; the browser
// harness sets the page's clock to the tests' day, so screens and main agree on the date in tests.
import { localDate } from '../../../shared/dates/localDate';

/** Milliseconds since the epoch, for timers on screen. */
export const nowMs = (): number => Date.now();

/** The current instant. */
export const now = (): Date => new Date(nowMs());

/** Today's local calendar date, YYYY-MM-DD. */
export const today = (): string => localDate(now());
