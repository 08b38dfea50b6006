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
  /** The patient's primary plan. */
  planId: number;
  /** The last completed call for this patient on that plan: when it ended, and its re-verify date. */
  lastVerifiedAt: string | null;
  reverifyDate: string | null;
}

/**
 * Appointments from `fromDate` on (planned_services: codes planned on calls and on saved insurance
 * estimates), soonest first, each with the primary plan and that plan's last completed call. The call
 * comes from the covering index calls_latest_completed as "<ended_at> <reverify_date>" (one seek; with
 * max(), SQLite takes the bare reverify_date from the same row).
 */
export function listUpcoming(db: Db, fromDate: string): UpcomingAppointment[] {
  const rows = stmt(
    db,
    `SELECT u.patient_id AS patientId, u.service_date AS serviceDate, group_concat(u.code) AS codes,
       cv.plan_id AS planId,
       (SELECT max(ended_at) || ' ' || COALESCE(reverify_date, '') FROM calls
        WHERE patient_id = u.patient_id AND plan_id = cv.plan_id AND status = 'completed') AS lastCall
     FROM planned_services u JOIN coverages cv ON cv.patient_id = u.patient_id AND cv.ordinal = 1
     WHERE u.service_date >= ?
     GROUP BY u.service_date, u.patient_id`,
  ).all(fromDate) as Array<
    Omit<UpcomingAppointment, 'lastVerifiedAt' | 'reverifyDate'> & { lastCall: string | null }
  >;
  return rows.map(({ lastCall, ...row }) => {
    const [endedAt, reverifyDate] = lastCall?.split(' ') ?? [];
    return { ...row, lastVerifiedAt: endedAt ?? null, reverifyDate: reverifyDate || null };
  });
}

export function benefitYearStartMonth(db: Db, planId: number): number | null {
  const row = stmt(
    db,
    `SELECT json_extract(benefits_json, '$.benefitYearStartMonth') AS m FROM plans WHERE id = ?`,
  ).get(planId) as { m: number | null } | undefined;
  return row?.m ?? null;
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
