// The re-verify worklist: upcoming appointments whose verification is missing, stale, past its re-verify
// date, or made before the plan year renews; soonest first.
import { localDate } from '../../shared/dates/localDate';
import type { ReverifyItem } from '../../shared/worklist/reverifyViews';
import { reverifyReasons } from '../../shared/worklist/reverify';
import type { Db } from '../db/connection';
import { listUpcoming } from '../db/repositories/reverifyRepo';

export interface ReverifyService {
  worklist(): ReverifyItem[];
}

export function createReverifyService(deps: {
  db: Db;
  now: () => Date;
  staleAfterDays: () => number;
}): ReverifyService {
  return {
    worklist() {
      const today = localDate(deps.now());
      const items: ReverifyItem[] = [];
      for (const row of listUpcoming(deps.db, today, 2000)) {
        const verifiedOn = row.lastVerifiedAt ? localDate(new Date(row.lastVerifiedAt)) : null;
        const benefits = JSON.parse(row.benefitsJson) as { benefitYearStartMonth?: number | null };
        const reasons = reverifyReasons(
          {
            serviceDate: row.serviceDate,
            verifiedOn,
            reverifyDate: row.reverifyDate,
            benefitYearStartMonth: benefits.benefitYearStartMonth ?? null,
          },
          today,
          deps.staleAfterDays(),
        );
        if (reasons.length === 0) continue;
        items.push({
          patientId: row.patientId,
          patientName: row.patientName,
          serviceDate: row.serviceDate,
          codes: row.codes.split(',').sort(),
          payerName: row.payerName,
          planName: row.planName,
          verifiedOn,
          reasons,
        });
      }
      return items;
    },
  };
}
