// Why an upcoming appointment needs its insurance verified (again). Pure, so the rules are tested alone.
// An eligibility file (271) counts as the eligibility check: a fresh one (within the eligibility window,
// and not from before the plan year renews ahead of the appointment) says the member is covered, but its
// per-code answers were never confirmed by a person, so the appointment still needs a call.
import { daysBetween } from '../dates/calendar';
import { benefitYearStart } from '../estimate/frequency';

export const REVERIFY_REASONS = [
  'missing',
  'codes_unconfirmed',
  'stale',
  'renewal',
  'reverify_date',
] as const;
export type ReverifyReason = (typeof REVERIFY_REASONS)[number];

export const REVERIFY_LABELS: Record<ReverifyReason, string> = {
  missing: 'Never verified on this plan',
  codes_unconfirmed: 'Eligibility checked from a 271 file; the codes still need a call',
  stale: 'Last verification is old',
  renewal: 'Benefit year renews before the appointment',
  reverify_date: 'Re-verify date reached',
};

export interface ReverifyInput {
  serviceDate: string;
  /** Local date of the last completed call for this patient and plan; null when there is none. */
  verifiedOn: string | null;
  reverifyDate: string | null;
  /** 1 = calendar year. Unknown is treated as a calendar year, the most common plan year. */
  benefitYearStartMonth: number | null;
  /** The date of the newest eligibility file (271) recorded for this coverage; null when none. */
  eligibilityFileOn: string | null;
}

/** The file's date when it still counts as this appointment's eligibility check, else null. */
export function freshEligibilityFile(
  input: Pick<ReverifyInput, 'serviceDate' | 'eligibilityFileOn' | 'benefitYearStartMonth'>,
  today: string,
  eligibilityStaleAfterDays: number,
): string | null {
  const on = input.eligibilityFileOn;
  if (on === null || daysBetween(on, today) > eligibilityStaleAfterDays) return null;
  // A file from before the plan year renews says nothing about the new year's maximums and deductibles.
  const renewal = benefitYearStart(input.serviceDate, input.benefitYearStartMonth ?? 1);
  return daysBetween(on, renewal) > 0 ? null : on;
}

export function reverifyReasons(
  input: ReverifyInput,
  today: string,
  staleAfterDays: number,
  eligibilityStaleAfterDays: number,
): ReverifyReason[] {
  if (input.verifiedOn === null)
    return freshEligibilityFile(input, today, eligibilityStaleAfterDays)
      ? ['codes_unconfirmed']
      : ['missing'];
  const reasons: ReverifyReason[] = [];
  if (daysBetween(input.verifiedOn, today) > staleAfterDays) reasons.push('stale');
  // The plan year starts anew after the call and on or before the appointment: maximums, deductibles
  // and often the rules themselves reset, so the old answers may not hold.
  const renewal = benefitYearStart(input.serviceDate, input.benefitYearStartMonth ?? 1);
  if (daysBetween(input.verifiedOn, renewal) > 0) reasons.push('renewal');
  if (input.reverifyDate !== null && daysBetween(input.reverifyDate, today) >= 0)
    reasons.push('reverify_date');
  return reasons;
}
