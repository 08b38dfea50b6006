// SQL for the re-verify worklist. Thousands of appointments lie ahead in a busy practice and nearly all
// are verified already, so the scan reads only what the decision needs (index lookups, no wide rows);
// names are read afterwards for the few that make the list.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';
import { groupConcat } from '../dialect';

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
export async function listUpcoming(db: AppDb, fromDate: string): Promise<UpcomingAppointment[]> {
  const codes = groupConcat(db, sql.ref('u.code'));
  // Grouped by the coverage too (one primary coverage per patient, so the groups are the same): its
  // columns can then be read as they are on both engines.
  const { rows } = await sql<UpcomingAppointment>`
    SELECT u.patient_id AS "patientId", u.service_date AS "serviceDate", ${codes} AS codes,
      cv.plan_id AS "planId", max(py.start_month) AS "benefitYearStartMonth",
      max(lv.ended_at) AS "lastVerifiedAt", max(lv.reverify_date) AS "reverifyDate",
      (SELECT max(o.observed_on) FROM observations o
       WHERE o.coverage_id = cv.id AND o.source = 'eligibility_file') AS "eligibilityFileOn"
    FROM planned_services u
      JOIN coverages cv ON cv.patient_id = u.patient_id AND cv.ordinal = 1 AND cv.removed_at IS NULL
      LEFT JOIN plan_years py ON py.plan_id = cv.plan_id
      LEFT JOIN last_verifications lv ON lv.patient_id = u.patient_id AND lv.plan_id = cv.plan_id
    WHERE u.service_date >= ${fromDate}
    GROUP BY u.service_date, u.patient_id, cv.id`.execute(db.q);
  return rows.map((r) => ({
    ...r,
    benefitYearStartMonth: r.benefitYearStartMonth === null ? null : Number(r.benefitYearStartMonth),
  }));
}

export async function appointmentNames(
  db: AppDb,
  patientId: number,
  planId: number,
): Promise<{ patientName: string; payerName: string; planName: string }> {
  const { rows } = await sql<{ patientName: string; payerName: string; planName: string }>`
    SELECT pt.first_name || ' ' || pt.last_name AS "patientName", py.name AS "payerName", pl.name AS "planName"
    FROM patients pt CROSS JOIN plans pl JOIN payers py ON py.id = pl.payer_id
    WHERE pt.id = ${patientId} AND pl.id = ${planId}`.execute(db.q);
  return rows[0]!;
}
