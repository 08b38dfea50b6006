// SQL for the re-verify worklist. Thousands of appointments lie ahead in a busy practice and nearly all
// are verified already, so the scan reads only what the decision needs (index lookups, no wide rows);
// names are read afterwards for the few that make the list.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface UpcomingAppointment {
  patientId: number;
  serviceDate: string;
  /** Comma-separated; may repeat a code planned twice for the same day. */
  codes: string;
  /** The patient's primary plan, and the month its benefit year starts (null: unknown). */
  planId: number;
  benefitYearStartMonth: number | null;
  /** The last completed call for this patient on that plan: when it ended, and its re-verify date. */
  lastVerifiedAt: string | null;
  reverifyDate: string | null;
  /** The date of the newest eligibility-file (271) statement about the coverage; null when none. */
  eligibilityFileOn: string | null;
}

/**
 * Appointments from `fromDate` on (planned_services: codes planned on calls and on saved insurance
 * estimates), soonest first, with the primary plan, its benefit-year start month (plan_years), the
 * last verification on it (last_verifications): small tables kept by triggers, read by key; and the
 * newest eligibility file about the coverage (an index range over that coverage's statements).
 */
export function listUpcoming(db: Db, fromDate: string): UpcomingAppointment[] {
  return stmt(
    db,
    `SELECT u.patient_id AS patientId, u.service_date AS serviceDate, group_concat(u.code) AS codes,
       cv.plan_id AS planId, py.start_month AS benefitYearStartMonth,
       lv.ended_at AS lastVerifiedAt, lv.reverify_date AS reverifyDate,
       (SELECT max(o.observed_on) FROM observations o
        WHERE o.coverage_id = cv.id AND o.source = 'eligibility_file') AS eligibilityFileOn
     FROM planned_services u
       JOIN coverages cv ON cv.patient_id = u.patient_id AND cv.ordinal = 1 AND cv.removed_at IS NULL
       LEFT JOIN plan_years py ON py.plan_id = cv.plan_id
       LEFT JOIN last_verifications lv ON lv.patient_id = u.patient_id AND lv.plan_id = cv.plan_id
     WHERE u.service_date >= ?
     GROUP BY u.service_date, u.patient_id`,
  ).all(fromDate) as UpcomingAppointment[];
}

export function appointmentNames(
  db: Db,
  patientId: number,
  planId: number,
): { patientName: string; payerName: string; planName: string } {
  return stmt(
    db,
    `SELECT pt.first_name || ' ' || pt.last_name AS patientName, py.name AS payerName, pl.name AS planName
     FROM patients pt, plans pl JOIN payers py ON py.id = pl.payer_id WHERE pt.id = ? AND pl.id = ?`,
  ).get(patientId, planId) as { patientName: string; payerName: string; planName: string };
}
