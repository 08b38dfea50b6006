// Frequency limits: how many services fall in the window that ends on the date of service, and when
// the next one is allowed. "1 per 6 months" is a rolling window; "2 per benefit year" resets when the
// plan year starts; "per lifetime" never resets.
import { addMonths, formatIso, parseIsoDate } from '../dates/calendar';
import type { Frequency } from '../policy/policyTypes';

/** First day of the benefit year that contains `date` (start month 1 = calendar year). */
export function benefitYearStart(date: string, startMonth: number): string {
  const d = parseIsoDate(date)!;
  const year = d.m >= startMonth ? d.y : d.y - 1;
  return formatIso(year, startMonth, 1);
}

export interface FrequencyCheck {
  /** Services already counted in the window (history plus earlier planned lines). */
  used: number;
  exhausted: boolean;
  /** First date the code is payable again; null when never (lifetime) or not exhausted. */
  nextEligible: string | null;
}

/**
 * `dates` are earlier services of the code or of codes sharing its limit, on or before `serviceDate`.
 * `benefitYearStartMonth` is needed only for per-benefit-year limits.
 */
export function checkFrequency(
  limit: Frequency,
  dates: readonly string[],
  serviceDate: string,
  benefitYearStartMonth: number | null,
): FrequencyCheck | { unknown: string } {
  // A service counts until its own next-eligible date. For "per N months" that is the service date plus
  // N months, clamped to the month's end (a service on Feb 29 frees up Feb 28 the next year).
  let windowStart: string | null = null; // inclusive; null = since ever
  let counts = (d: string) => d <= serviceDate;
  switch (limit.per) {
    case 'months':
      counts = (d) => d <= serviceDate && addMonths(d, limit.months!) > serviceDate;
      break;
    case 'calendar_year':
      windowStart = benefitYearStart(serviceDate, 1);
      break;
    case 'benefit_year':
      if (benefitYearStartMonth === null)
        return {
          unknown: 'The plan year start month is unknown, so a per-benefit-year limit cannot be checked.',
        };
      windowStart = benefitYearStart(serviceDate, benefitYearStartMonth);
      break;
    case 'lifetime':
      break;
  }
  const inWindow = dates.filter((d) => counts(d) && (windowStart === null || d >= windowStart)).sort();
  const exhausted = inWindow.length >= limit.count;
  if (!exhausted) return { used: inWindow.length, exhausted, nextEligible: null };
  let nextEligible: string | null;
  switch (limit.per) {
    case 'months':
      // The window must slide past the oldest service that still counts against the limit.
      nextEligible = addMonths(inWindow[inWindow.length - limit.count]!, limit.months!);
      break;
    case 'calendar_year':
    case 'benefit_year':
      nextEligible = addMonths(windowStart!, 12);
      break;
    case 'lifetime':
      nextEligible = null;
      break;
  }
  return { used: inWindow.length, exhausted, nextEligible };
}
