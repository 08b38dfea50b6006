import type {
  CoverageInput,
  PatientInput,
  PatientSummary,
  ServiceRecord,
} from '../../../shared/policy/policyViews';
import type { Db } from '../connection';
import { stmt } from '../statements';

type SummaryRow = Omit<PatientSummary, 'isSample'> & { isSample: number };
const SUMMARY = `id, first_name AS firstName, last_name AS lastName, dob, preferred_language AS preferredLanguage,
  is_sample AS isSample`;
const toSummary = ({ isSample, ...r }: SummaryRow): PatientSummary => ({ ...r, isSample: isSample === 1 });

/** The most recently changed patients, for the list before anything is typed. */
export function recentPatients(db: Db, limit: number): PatientSummary[] {
  return (
    stmt(db, `SELECT ${SUMMARY} FROM patients ORDER BY updated_at DESC LIMIT ?`).all(limit) as SummaryRow[]
  ).map(toSummary);
}

/**
 * Every patient with the member IDs on file, for matching in patientSearch.ts (accent-free name words are
 * not something SQL can compare on both engines). With `dob`, only patients born that day.
 */
export function listSearchRows(db: Db, dob: string | null): Array<PatientSummary & { memberIds: string[] }> {
  const rows = stmt(
    db,
    `SELECT ${SUMMARY}, (SELECT group_concat(member_id, ' ') FROM coverages c WHERE c.patient_id = p.id) AS memberIds
     FROM patients p WHERE @dob IS NULL OR dob = @dob`,
  ).all({ dob }) as Array<SummaryRow & { memberIds: string | null }>;
  return rows.map((r) => ({ ...toSummary(r), memberIds: r.memberIds ? r.memberIds.split(' ') : [] }));
}

export function getPatientRow(db: Db, id: number): (PatientSummary & { phone: string | null }) | null {
  const row = stmt(db, `SELECT ${SUMMARY}, phone FROM patients WHERE id = ?`).get(id) as
    (SummaryRow & { phone: string | null }) | undefined;
  return row ? { ...toSummary(row), phone: row.phone } : null;
}

export function insertPatient(db: Db, p: PatientInput, isSample: boolean, now: string): number {
  return Number(
    stmt(
      db,
      `INSERT INTO patients (first_name, last_name, dob, preferred_language, phone, is_sample, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(p.firstName, p.lastName, p.dob, p.preferredLanguage, p.phone, isSample ? 1 : 0, now)
      .lastInsertRowid,
  );
}

export function updatePatient(db: Db, id: number, p: PatientInput, now: string): boolean {
  return (
    stmt(
      db,
      'UPDATE patients SET first_name = ?, last_name = ?, dob = ?, preferred_language = ?, phone = ?, updated_at = ? WHERE id = ?',
    ).run(p.firstName, p.lastName, p.dob, p.preferredLanguage, p.phone, now, id).changes === 1
  );
}

export interface CoverageRow extends Omit<CoverageInput, 'ordinal'> {
  id: number;
  ordinal: 1 | 2;
  provenanceJson: string;
}

const COVERAGE = `id, patient_id AS patientId, plan_id AS planId, ordinal, member_id AS memberId,
  subscriber_name AS subscriberName, subscriber_dob AS subscriberDob, relationship, effective_date AS effectiveDate,
  termination_date AS terminationDate, max_used_cents AS maxUsedCents, max_used_stated_on AS maxUsedStatedOn,
  deductible_met_cents AS deductibleMetCents, deductible_met_stated_on AS deductibleMetStatedOn,
  provenance_json AS provenanceJson`;

export function listCoverageRows(db: Db, patientId: number): CoverageRow[] {
  return stmt(db, `SELECT ${COVERAGE} FROM coverages WHERE patient_id = ? ORDER BY ordinal`).all(
    patientId,
  ) as CoverageRow[];
}

export function getCoverageRow(db: Db, id: number): CoverageRow | null {
  return (
    (stmt(db, `SELECT ${COVERAGE} FROM coverages WHERE id = ?`).get(id) as CoverageRow | undefined) ?? null
  );
}

export function upsertCoverage(
  db: Db,
  id: number | null,
  c: CoverageInput,
  provenanceJson: string,
  now: string,
): number {
  const values = [
    c.patientId,
    c.planId,
    c.ordinal,
    c.memberId,
    c.subscriberName,
    c.subscriberDob,
    c.relationship,
    c.effectiveDate,
    c.terminationDate,
    c.maxUsedCents,
    c.maxUsedStatedOn,
    c.deductibleMetCents,
    c.deductibleMetStatedOn,
    provenanceJson,
    now,
  ];
  if (id !== null) {
    stmt(
      db,
      `UPDATE coverages SET patient_id = ?, plan_id = ?, ordinal = ?, member_id = ?, subscriber_name = ?, subscriber_dob = ?,
         relationship = ?, effective_date = ?, termination_date = ?, max_used_cents = ?, max_used_stated_on = ?,
         deductible_met_cents = ?, deductible_met_stated_on = ?, provenance_json = ?, updated_at = ? WHERE id = ?`,
    ).run(...values, id);
    return id;
  }
  return Number(
    stmt(
      db,
      `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, subscriber_dob, relationship,
         effective_date, termination_date, max_used_cents, max_used_stated_on, deductible_met_cents,
         deductible_met_stated_on, provenance_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values).lastInsertRowid,
  );
}

export function deleteCoverage(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM coverages WHERE id = ?').run(id).changes === 1;
}

export function listServiceHistory(db: Db, patientId: number): ServiceRecord[] {
  return stmt(
    db,
    `SELECT id, cdt_code AS code, service_date AS serviceDate, source FROM service_history
     WHERE patient_id = ? ORDER BY service_date DESC, id DESC`,
  ).all(patientId) as ServiceRecord[];
}

export function insertServiceRecord(
  db: Db,
  r: Omit<ServiceRecord, 'id'> & { patientId: number },
  now: string,
): number {
  return Number(
    stmt(
      db,
      'INSERT INTO service_history (patient_id, cdt_code, service_date, source, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(r.patientId, r.code, r.serviceDate, r.source, now).lastInsertRowid,
  );
}

export function deleteServiceRecord(db: Db, patientId: number, id: number): boolean {
  return (
    stmt(db, 'DELETE FROM service_history WHERE patient_id = ? AND id = ?').run(patientId, id).changes === 1
  );
}

export function countCoveragesForPlan(db: Db, planId: number): number {
  return (stmt(db, 'SELECT count(*) AS n FROM coverages WHERE plan_id = ?').get(planId) as { n: number }).n;
}
