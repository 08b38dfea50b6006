import type { CoverageInput, PatientInput, PatientSummary } from '../../../shared/policy/policyViews';
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

/** Who the member is; what the payer said about the coverage is in the ledger. */
export interface CoverageRow {
  id: number;
  patientId: number;
  planId: number;
  ordinal: 1 | 2;
  memberId: string;
  subscriberName: string;
  subscriberDob: string | null;
  relationship: CoverageInput['relationship'];
}

export type CoverageIdentity = Omit<CoverageRow, 'id'>;

const COVERAGE = `id, patient_id AS patientId, plan_id AS planId, ordinal, member_id AS memberId,
  subscriber_name AS subscriberName, subscriber_dob AS subscriberDob, relationship`;

/** The patient's coverages in force (removed ones are kept, with their history, but not listed). */
export function listCoverageRows(db: Db, patientId: number): CoverageRow[] {
  return stmt(
    db,
    `SELECT ${COVERAGE} FROM coverages WHERE patient_id = ? AND removed_at IS NULL ORDER BY ordinal`,
  ).all(patientId) as CoverageRow[];
}

export function getCoverageRow(db: Db, id: number): CoverageRow | null {
  return (
    (stmt(db, `SELECT ${COVERAGE} FROM coverages WHERE id = ? AND removed_at IS NULL`).get(id) as
      CoverageRow | undefined) ?? null
  );
}

export function upsertCoverage(db: Db, id: number | null, c: CoverageIdentity, now: string): number {
  const values = [
    c.patientId,
    c.planId,
    c.ordinal,
    c.memberId,
    c.subscriberName,
    c.subscriberDob,
    c.relationship,
    now,
  ];
  if (id !== null) {
    stmt(
      db,
      `UPDATE coverages SET patient_id = ?, plan_id = ?, ordinal = ?, member_id = ?, subscriber_name = ?,
         subscriber_dob = ?, relationship = ?, updated_at = ? WHERE id = ?`,
    ).run(...values, id);
    return id;
  }
  return Number(
    stmt(
      db,
      `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, subscriber_dob, relationship,
         updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values).lastInsertRowid,
  );
}

/** Takes a coverage off the patient; the row and everything said about it stay for the record. */
export function removeCoverage(db: Db, id: number, by: string, now: string): boolean {
  return (
    stmt(
      db,
      'UPDATE coverages SET removed_at = ?, removed_by = ?, updated_at = ? WHERE id = ? AND removed_at IS NULL',
    ).run(now, by, now, id).changes === 1
  );
}

export function countCoveragesForPlan(db: Db, planId: number): number {
  return (
    stmt(db, 'SELECT count(*) AS n FROM coverages WHERE plan_id = ? AND removed_at IS NULL').get(planId) as {
      n: number;
    }
  ).n;
}
