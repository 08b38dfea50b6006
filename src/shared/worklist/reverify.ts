// Why an upcoming appointment needs its insurance verified (again). Pure, so the rules are tested alone.
import { daysBetween } from '../dates/calendar';
import { benefitYearStart } from '../estimate/frequency';

export const REVERIFY_REASONS = ['missing', 'stale', 'renewal', 'reverify_date'] as const;
export type ReverifyReason = (typeof REVERIFY_REASONS)[number];

export const REVERIFY_LABELS: Record<ReverifyReason, string> = {
  missing: 'Never verified on this plan',
  stale: 'Last verification is old',
  renewal: 'Benefit year renews before the appointment',
  reverify_date: 'Re-verify date reached',
};

export function reverifyReasons(
  input: {
    serviceDate: string;
    /** Local date of the last completed call for this patient and plan; null when there is none. */
    verifiedOn: string | null;
    reverifyDate: string | null;
    /** 1 = calendar year. Unknown is treated as a calendar year, the most common plan year. */
    benefitYearStartMonth: number | null;
  },
  today: string,
  staleAfterDays: number,
): ReverifyReason[] {
  if (input.verifiedOn === null) return ['missing'];
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
