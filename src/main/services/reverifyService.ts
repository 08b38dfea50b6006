// The re-verify worklist: upcoming appointments whose verification is missing (or only an eligibility
// file checked them), stale, past its re-verify date, or made before the plan year renews; soonest first.
import { localDate } from '../../shared/dates/localDate';
import type { ReverifyItem } from '../../shared/worklist/reverifyViews';
import { freshEligibilityFile, reverifyReasons } from '../../shared/worklist/reverify';
import type { AppDb } from '../db/appDb';
import { appointmentNames, listUpcoming } from '../db/repositories/reverifyRepo';

/** More than a desk can work through in a day; the soonest are the ones that matter. */
const MAX_ITEMS = 500;

export interface ReverifyService {
  worklist(): Promise<ReverifyItem[]>;
}

export function createReverifyService(deps: {
  db: AppDb;
  now: () => Date;
  staleAfterDays: () => number;
  /** The eligibility window: how long an eligibility file counts as the eligibility check. */
  eligibilityStaleAfterDays: () => number;
}): ReverifyService {
  return {
    async worklist() {
      const today = localDate(deps.now());
      const stale = deps.staleAfterDays();
      const eligibilityStale = deps.eligibilityStaleAfterDays();
      const due: Array<Omit<ReverifyItem, 'patientName' | 'payerName' | 'planName'> & { planId: number }> =
        [];
      for (const row of await listUpcoming(deps.db, today)) {
        const verifiedOn = row.lastVerifiedAt ? localDate(new Date(row.lastVerifiedAt)) : null;
        const reasons = reverifyReasons(
          {
            serviceDate: row.serviceDate,
            verifiedOn,
            reverifyDate: row.reverifyDate,
            benefitYearStartMonth: row.benefitYearStartMonth,
            eligibilityFileOn: row.eligibilityFileOn,
          },
          today,
          stale,
          eligibilityStale,
        );
        if (reasons.length === 0) continue;
        due.push({
          patientId: row.patientId,
          planId: row.planId,
          serviceDate: row.serviceDate,
          codes: [...new Set(row.codes.split(','))].sort(),
          verifiedOn,
          eligibilityCheckedOn: freshEligibilityFile(row, today, eligibilityStale),
          reasons,
        });
      }
      // Soonest first, then by patient name; bounded, the soonest being the ones that matter.
      const named = [];
      for (const item of due)
        named.push({ ...item, ...(await appointmentNames(deps.db, item.patientId, item.planId)) });
      return named
        .sort(
          (a, b) => a.serviceDate.localeCompare(b.serviceDate) || a.patientName.localeCompare(b.patientName),
        )
        .slice(0, MAX_ITEMS);
    },
  };
}
