// SQL for verification calls, their answers, hold segments and amendments.
import type { Comparison } from '../../../shared/script/callViews';
import type { Answer } from '../../../shared/script/scriptTypes';
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface PlannedCode {
  code: string;
  tooth: string | null;
  serviceDate: string;
}

export interface CallRow {
  id: number;
  patientId: number;
  planId: number;
  medicalCallOf: number | null;
  scriptId: string;
  scriptVersion: number;
  planned: PlannedCode[];
  dialedNumber: string | null;
  ivrNotes: string | null;
  startedAt: string;
  endedAt: string | null;
  repName: string | null;
  referenceNumber: string | null;
  noReferenceReason: string | null;
  status: 'in_progress' | 'partial' | 'completed';
  staffUser: string;
  stateJson: string;
  nextAction: string | null;
  nextActionDue: string | null;
  reverifyDate: string | null;
}

const COLUMNS = `id, patient_id AS patientId, plan_id AS planId, medical_call_of AS medicalCallOf, script_id AS scriptId,
  script_version AS scriptVersion, planned_json AS plannedJson, dialed_number AS dialedNumber, ivr_notes AS ivrNotes,
  started_at AS startedAt, ended_at AS endedAt, rep_name AS repName, reference_number AS referenceNumber,
  no_reference_reason AS noReferenceReason, status, staff_user AS staffUser, state_json AS stateJson,
  next_action AS nextAction, next_action_due AS nextActionDue, reverify_date AS reverifyDate`;

function toRow(r: Omit<CallRow, 'planned'> & { plannedJson: string }): CallRow {
  const { plannedJson, ...rest } = r;
  return { ...rest, planned: JSON.parse(plannedJson) as PlannedCode[] };
}

export function insertCall(
  db: Db,
  c: {
    patientId: number;
    planId: number;
    medicalCallOf: number | null;
    scriptId: string;
    scriptVersion: number;
    planned: PlannedCode[];
    dialedNumber: string | null;
    staffUser: string;
    stateJson: string;
    now: string;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO calls (patient_id, plan_id, medical_call_of, script_id, script_version, planned_json, dialed_number,
         started_at, status, staff_user, state_json, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'in_progress', ?, ?, ?)`,
    ).run(
      c.patientId,
      c.planId,
      c.medicalCallOf,
      c.scriptId,
      c.scriptVersion,
      JSON.stringify(c.planned),
      c.dialedNumber,
      c.now,
      c.staffUser,
      c.stateJson,
      c.now,
    ).lastInsertRowid,
  );
}

export function getCall(db: Db, id: number): CallRow | null {
  const row = stmt(db, `SELECT ${COLUMNS} FROM calls WHERE id = ?`).get(id) as
    (Omit<CallRow, 'planned'> & { plannedJson: string }) | undefined;
  return row ? toRow(row) : null;
}

export function listMedicalCalls(db: Db, dentalCallId: number): number[] {
  return (
    stmt(db, 'SELECT id FROM calls WHERE medical_call_of = ? ORDER BY id').all(dentalCallId) as Array<{
      id: number;
    }>
  ).map((r) => r.id);
}

export function listCallsByStatus(db: Db, status: CallRow['status']): CallRow[] {
  return (
    stmt(db, `SELECT ${COLUMNS} FROM calls WHERE status = ? ORDER BY started_at DESC LIMIT 50`).all(
      status,
    ) as Array<Omit<CallRow, 'planned'> & { plannedJson: string }>
  ).map(toRow);
}

export function updateCallState(db: Db, id: number, stateJson: string, now: string): void {
  stmt(db, 'UPDATE calls SET state_json = ?, updated_at = ? WHERE id = ?').run(stateJson, now, id);
}

export function updateCallDetails(
  db: Db,
  id: number,
  d: Pick<CallRow, 'repName' | 'referenceNumber' | 'noReferenceReason' | 'dialedNumber' | 'ivrNotes'>,
  now: string,
): void {
  stmt(
    db,
    'UPDATE calls SET rep_name = ?, reference_number = ?, no_reference_reason = ?, dialed_number = ?, ivr_notes = ?, updated_at = ? WHERE id = ?',
  ).run(d.repName, d.referenceNumber, d.noReferenceReason, d.dialedNumber, d.ivrNotes, now, id);
}

export function finishCall(
  db: Db,
  id: number,
  f: {
    status: 'partial' | 'completed';
    endedAt: string;
    stateJson: string;
    nextAction: string | null;
    nextActionDue: string | null;
    reverifyDate: string | null;
  },
): void {
  stmt(
    db,
    `UPDATE calls SET status = ?, ended_at = ?, state_json = ?, next_action = ?, next_action_due = ?, reverify_date = ?,
       updated_at = ? WHERE id = ?`,
  ).run(f.status, f.endedAt, f.stateJson, f.nextAction, f.nextActionDue, f.reverifyDate, f.endedAt, id);
}

export interface OnFile {
  text: string;
  source: string;
}

export function insertAnswer(
  db: Db,
  callId: number,
  key: string,
  answer: Answer,
  comparison: Comparison | null,
  onFile: OnFile | null,
  at: string,
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO call_answers (call_id, answer_key, answer_json, comparison, on_file_json, answered_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(callId, key, JSON.stringify(answer), comparison, onFile ? JSON.stringify(onFile) : null, at)
      .lastInsertRowid,
  );
}

export interface AnswerRow {
  id: number;
  key: string;
  answer: Answer;
  /** How the answer compared with what was on file when it was given (null: records nothing). */
  comparison: Comparison | null;
  onFile: OnFile | null;
  readBackAt: string | null;
  answeredAt: string;
}

/** Every answer in the order given. */
export function listAnswers(db: Db, callId: number): AnswerRow[] {
  return (
    stmt(
      db,
      `SELECT a.id, a.answer_key AS key, a.answer_json AS json, a.comparison, a.on_file_json AS onFileJson,
         r.confirmed_at AS readBackAt, a.answered_at AS answeredAt
       FROM call_answers a LEFT JOIN call_read_backs r ON r.answer_id = a.id
       WHERE a.call_id = ? ORDER BY a.id`,
    ).all(callId) as Array<{
      id: number;
      key: string;
      json: string;
      comparison: Comparison | null;
      onFileJson: string | null;
      readBackAt: string | null;
      answeredAt: string;
    }>
  ).map((r) => ({
    id: r.id,
    key: r.key,
    answer: JSON.parse(r.json) as Answer,
    comparison: r.comparison,
    onFile: r.onFileJson === null ? null : (JSON.parse(r.onFileJson) as OnFile),
    readBackAt: r.readBackAt,
    answeredAt: r.answeredAt,
  }));
}

export function insertReadBack(db: Db, answerId: number, at: string, by: string): void {
  stmt(db, 'INSERT INTO call_read_backs (answer_id, confirmed_at, confirmed_by) VALUES (?, ?, ?)').run(
    answerId,
    at,
    by,
  );
}

export function countCallsForPlan(db: Db, planId: number): number {
  return (stmt(db, 'SELECT count(*) AS n FROM calls WHERE plan_id = ?').get(planId) as { n: number }).n;
}

export interface HoldRow {
  startedAt: string;
  endedAt: string | null;
}

/** The newest in-progress call a person has on hold, with when that hold began. */
export function findCallOnHold(db: Db, staffUser: string): { callId: number; holdSince: string } | null {
  return (
    (stmt(
      db,
      `SELECT c.id AS callId, h.started_at AS holdSince FROM calls c
         JOIN call_holds h ON h.call_id = c.id AND h.ended_at IS NULL
       WHERE c.status = 'in_progress' AND c.staff_user = ?
       ORDER BY h.started_at DESC LIMIT 1`,
    ).get(staffUser) as { callId: number; holdSince: string } | undefined) ?? null
  );
}

export function listHolds(db: Db, callId: number): HoldRow[] {
  return stmt(
    db,
    'SELECT started_at AS startedAt, ended_at AS endedAt FROM call_holds WHERE call_id = ? ORDER BY id',
  ).all(callId) as HoldRow[];
}

export function startHold(db: Db, callId: number, at: string): void {
  stmt(db, 'INSERT INTO call_holds (call_id, started_at) VALUES (?, ?)').run(callId, at);
}

export function endOpenHold(db: Db, callId: number, at: string): boolean {
  return (
    stmt(db, 'UPDATE call_holds SET ended_at = ? WHERE call_id = ? AND ended_at IS NULL').run(at, callId)
      .changes > 0
  );
}

export interface AmendmentRow {
  amendedAt: string;
  amendedBy: string;
  what: string;
  why: string;
}

export function insertAmendment(db: Db, callId: number, a: AmendmentRow): void {
  stmt(
    db,
    'INSERT INTO call_amendments (call_id, amended_at, amended_by, what, why) VALUES (?, ?, ?, ?, ?)',
  ).run(callId, a.amendedAt, a.amendedBy, a.what, a.why);
}

export function listAmendments(db: Db, callId: number): AmendmentRow[] {
  return stmt(
    db,
    'SELECT amended_at AS amendedAt, amended_by AS amendedBy, what, why FROM call_amendments WHERE call_id = ? ORDER BY id',
  ).all(callId) as AmendmentRow[];
}

export interface CallListRow {
  id: number;
  status: CallRow['status'];
  startedAt: string;
  patientName: string;
  payerName: string;
  planName: string;
  planned: PlannedCode[];
  referenceNumber: string | null;
  nextActionDue: string | null;
}

/**
 * Records: the newest calls first, narrowed by a full-text match (every word, each as the start of a word,
 * over patient, payer, plan, reference number and codes). Call ids grow with start time, so newest first is
 * the index's own descending rowid order and a common word never sorts every match. CROSS JOIN keeps the
 * planner from scanning every call instead of starting from the 200 ids.
 */
export function searchCalls(db: Db, match: string | null, limit: number): CallListRow[] {
  const ids = match
    ? `SELECT rowid AS id FROM call_search WHERE call_search MATCH ? ORDER BY rowid DESC LIMIT ?`
    : `SELECT id FROM calls ORDER BY id DESC LIMIT ?`;
  const rows = stmt(
    db,
    `SELECT c.id, c.status, c.started_at AS startedAt, pt.first_name || ' ' || pt.last_name AS patientName,
       py.name AS payerName, pl.name AS planName, c.planned_json AS plannedJson,
       c.reference_number AS referenceNumber, c.next_action_due AS nextActionDue
     FROM (${ids}) hit CROSS JOIN calls c ON c.id = hit.id JOIN patients pt ON pt.id = c.patient_id
       JOIN plans pl ON pl.id = c.plan_id JOIN payers py ON py.id = pl.payer_id
     ORDER BY c.id DESC`,
  ).all(...(match ? [match, limit] : [limit])) as Array<
    Omit<CallListRow, 'planned'> & { plannedJson: string }
  >;
  return rows.map(({ plannedJson, ...rest }) => ({
    ...rest,
    planned: JSON.parse(plannedJson) as PlannedCode[],
  }));
}
