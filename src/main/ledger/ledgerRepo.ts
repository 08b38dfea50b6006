// SQL for the ledger: statements are inserted and read, never updated or deleted (triggers refuse both).
import type { Observation, Subject, SubjectKind } from '../../shared/ledger/ledgerTypes';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

const COLUMNS = `uid, payer_id AS payerId, plan_id AS planId, coverage_id AS coverageId, patient_id AS patientId,
  code, field, value_json AS valueJson, observed_on AS observedOn, recorded_at AS recordedAt,
  recorded_by AS recordedBy, workstation, source, call_id AS callId, rep_name AS repName,
  reference_number AS referenceNumber, source_detail AS sourceDetail, retracts_uid AS retracts`;

interface Row extends Omit<Observation, 'subject' | 'value'> {
  payerId: number | null;
  planId: number | null;
  coverageId: number | null;
  patientId: number | null;
  valueJson: string;
}

function toObservation(r: Row): Observation {
  const { payerId, planId, coverageId, patientId, valueJson, ...rest } = r;
  const subject: Subject =
    payerId !== null
      ? { kind: 'payer', id: payerId }
      : planId !== null
        ? { kind: 'plan', id: planId }
        : coverageId !== null
          ? { kind: 'coverage', id: coverageId }
          : { kind: 'patient', id: patientId! };
  return { ...rest, subject, value: JSON.parse(valueJson) as unknown };
}

/** One statement per subject kind: the column is part of the statement text, never spliced in. */
const BY_SUBJECT: Record<SubjectKind, string> = {
  payer: `SELECT ${COLUMNS} FROM observations WHERE payer_id = ? ORDER BY id`,
  plan: `SELECT ${COLUMNS} FROM observations WHERE plan_id = ? ORDER BY id`,
  coverage: `SELECT ${COLUMNS} FROM observations WHERE coverage_id = ? ORDER BY id`,
  patient: `SELECT ${COLUMNS} FROM observations WHERE patient_id = ? ORDER BY id`,
};

const BY_FIELD: Record<SubjectKind, string> = {
  payer: `SELECT ${COLUMNS} FROM observations WHERE payer_id = ? AND field = ? AND code = ? ORDER BY id`,
  plan: `SELECT ${COLUMNS} FROM observations WHERE plan_id = ? AND field = ? AND code = ? ORDER BY id`,
  coverage: `SELECT ${COLUMNS} FROM observations WHERE coverage_id = ? AND field = ? AND code = ? ORDER BY id`,
  patient: `SELECT ${COLUMNS} FROM observations WHERE patient_id = ? AND field = ? AND code = ? ORDER BY id`,
};

/** Every statement about a subject, in the order recorded. */
export function listForSubject(db: Db, subject: Subject): Observation[] {
  return (stmt(db, BY_SUBJECT[subject.kind]).all(subject.id) as Row[]).map(toObservation);
}

/** Every statement about one field (and code) of a subject, in the order recorded. */
export function listForField(db: Db, subject: Subject, field: string, code: string): Observation[] {
  return (stmt(db, BY_FIELD[subject.kind]).all(subject.id, field, code) as Row[]).map(toObservation);
}

export function listForCall(db: Db, callId: number): Observation[] {
  return (
    stmt(db, `SELECT ${COLUMNS} FROM observations WHERE call_id = ? ORDER BY id`).all(callId) as Row[]
  ).map(toObservation);
}

export function getByUid(db: Db, uid: string): Observation | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM observations WHERE uid = ?`).get(uid) as Row | undefined;
  return row ? toObservation(row) : null;
}

/** Statements about payers and plans that are not sample data: what a policy pack carries. */
export function listPlanKnowledge(db: Db): Observation[] {
  return (
    stmt(
      db,
      `SELECT ${COLUMNS} FROM observations o
       WHERE (o.plan_id IN (SELECT id FROM plans WHERE is_sample = 0))
          OR (o.payer_id IN (SELECT id FROM payers WHERE is_sample = 0))
       ORDER BY o.id`,
    ).all() as Row[]
  ).map(toObservation);
}

export function countForSubject(db: Db, subject: Subject): number {
  const sql: Record<SubjectKind, string> = {
    payer: 'SELECT count(*) AS n FROM observations WHERE payer_id = ?',
    plan: 'SELECT count(*) AS n FROM observations WHERE plan_id = ?',
    coverage: 'SELECT count(*) AS n FROM observations WHERE coverage_id = ?',
    patient: 'SELECT count(*) AS n FROM observations WHERE patient_id = ?',
  };
  return (stmt(db, sql[subject.kind]).get(subject.id) as { n: number }).n;
}

export function insertObservation(db: Db, o: Observation): void {
  stmt(
    db,
    `INSERT INTO observations (uid, payer_id, plan_id, coverage_id, patient_id, code, field, value_json,
       observed_on, recorded_at, recorded_by, workstation, source, call_id, rep_name, reference_number,
       source_detail, retracts_uid)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    o.uid,
    o.subject.kind === 'payer' ? o.subject.id : null,
    o.subject.kind === 'plan' ? o.subject.id : null,
    o.subject.kind === 'coverage' ? o.subject.id : null,
    o.subject.kind === 'patient' ? o.subject.id : null,
    o.code,
    o.field,
    JSON.stringify(o.value ?? null),
    o.observedOn,
    o.recordedAt,
    o.recordedBy,
    o.workstation,
    o.source,
    o.callId,
    o.repName,
    o.referenceNumber,
    o.sourceDetail,
    o.retracts,
  );
}
