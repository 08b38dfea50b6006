// SQL for the re-verify worklist: upcoming appointments (planned codes on calls and on saved insurance
// estimates) with the primary plan and that plan's last completed call for the patient.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface UpcomingRow {
  patientId: number;
  patientName: string;
  serviceDate: string;
  codes: string;
  planId: number;
  payerName: string;
  planName: string;
  benefitsJson: string;
  lastVerifiedAt: string | null;
  reverifyDate: string | null;
}

export function listUpcoming(db: Db, fromDate: string, limit: number): UpcomingRow[] {
  return stmt(
    db,
    `WITH upcoming AS (
       SELECT c.patient_id AS patientId, json_extract(j.value, '$.serviceDate') AS serviceDate,
         json_extract(j.value, '$.code') AS code
       FROM calls c, json_each(c.planned_json) j
       UNION
       SELECT e.patient_id, json_extract(j.value, '$.serviceDate'), json_extract(j.value, '$.code')
       FROM estimates e, json_each(e.request_json, '$.lines') j
       WHERE json_extract(e.request_json, '$.selfPay') = 0
     ), latest AS (
       SELECT patient_id, plan_id, ended_at, reverify_date,
         row_number() OVER (PARTITION BY patient_id, plan_id ORDER BY ended_at DESC, id DESC) AS n
       FROM calls WHERE status = 'completed'
     )
     SELECT u.patientId, pt.first_name || ' ' || pt.last_name AS patientName, u.serviceDate,
       group_concat(DISTINCT u.code) AS codes, cv.plan_id AS planId, py.name AS payerName, pl.name AS planName,
       pl.benefits_json AS benefitsJson, l.ended_at AS lastVerifiedAt, l.reverify_date AS reverifyDate
     FROM upcoming u
       JOIN patients pt ON pt.id = u.patientId
       JOIN coverages cv ON cv.patient_id = u.patientId AND cv.ordinal = 1
       JOIN plans pl ON pl.id = cv.plan_id JOIN payers py ON py.id = pl.payer_id
       LEFT JOIN latest l ON l.patient_id = u.patientId AND l.plan_id = cv.plan_id AND l.n = 1
     WHERE u.serviceDate >= ?
     GROUP BY u.patientId, u.serviceDate, cv.plan_id
     ORDER BY u.serviceDate, patientName
     LIMIT ?`,
  ).all(fromDate, limit) as UpcomingRow[];
}
