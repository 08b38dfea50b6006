// SQL for verification calls, their answers, hold segments and amendments.
import { sql } from 'kysely';
import type { Comparison } from '../../../shared/script/callViews';
import type { Answer } from '../../../shared/script/scriptTypes';
import type { AppDb } from '../appDb';
import { callSearchIds } from '../engine/callSearch';

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

const selectCalls = (db: AppDb) =>
  db.q
    .selectFrom('calls')
    .select([
      'id',
      'patient_id as patientId',
      'plan_id as planId',
      'medical_call_of as medicalCallOf',
      'script_id as scriptId',
      'script_version as scriptVersion',
      'planned_json as plannedJson',
      'dialed_number as dialedNumber',
      'ivr_notes as ivrNotes',
      'started_at as startedAt',
      'ended_at as endedAt',
      'rep_name as repName',
      'reference_number as referenceNumber',
      'no_reference_reason as noReferenceReason',
      'status',
      'staff_user as staffUser',
      'state_json as stateJson',
      'next_action as nextAction',
      'next_action_due as nextActionDue',
      'reverify_date as reverifyDate',
    ]);

function toRow(r: Omit<CallRow, 'planned'> & { plannedJson: string }): CallRow {
  const { plannedJson, ...rest } = r;
  return { ...rest, planned: JSON.parse(plannedJson) as PlannedCode[] };
}

export async function insertCall(
  db: AppDb,
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
): Promise<number> {
  const row = await db.q
    .insertInto('calls')
    .values({
      patient_id: c.patientId,
      plan_id: c.planId,
      medical_call_of: c.medicalCallOf,
      script_id: c.scriptId,
      script_version: c.scriptVersion,
      planned_json: JSON.stringify(c.planned),
      dialed_number: c.dialedNumber,
      started_at: c.now,
      status: 'in_progress',
      staff_user: c.staffUser,
      state_json: c.stateJson,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getCall(db: AppDb, id: number): Promise<CallRow | null> {
  const row = await selectCalls(db).where('id', '=', id).executeTakeFirst();
  return row ? toRow(row) : null;
}

export async function listMedicalCalls(db: AppDb, dentalCallId: number): Promise<number[]> {
  const rows = await db.q
    .selectFrom('calls')
    .select('id')
    .where('medical_call_of', '=', dentalCallId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function listCallsByStatus(db: AppDb, status: CallRow['status']): Promise<CallRow[]> {
  const rows = await selectCalls(db)
    .where('status', '=', status)
    .orderBy('started_at', 'desc')
    .limit(50)
    .execute();
  return rows.map(toRow);
}

export async function updateCallState(db: AppDb, id: number, stateJson: string, now: string): Promise<void> {
  await db.q
    .updateTable('calls')
    .set({ state_json: stateJson, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function updateCallDetails(
  db: AppDb,
  id: number,
  d: Pick<CallRow, 'repName' | 'referenceNumber' | 'noReferenceReason' | 'dialedNumber' | 'ivrNotes'>,
  now: string,
): Promise<void> {
  await db.q
    .updateTable('calls')
    .set({
      rep_name: d.repName,
      reference_number: d.referenceNumber,
      no_reference_reason: d.noReferenceReason,
      dialed_number: d.dialedNumber,
      ivr_notes: d.ivrNotes,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

export async function finishCall(
  db: AppDb,
  id: number,
  f: {
    status: 'partial' | 'completed';
    endedAt: string;
    stateJson: string;
    nextAction: string | null;
    nextActionDue: string | null;
    reverifyDate: string | null;
  },
): Promise<void> {
  await db.q
    .updateTable('calls')
    .set({
      status: f.status,
      ended_at: f.endedAt,
      state_json: f.stateJson,
      next_action: f.nextAction,
      next_action_due: f.nextActionDue,
      reverify_date: f.reverifyDate,
      updated_at: f.endedAt,
    })
    .where('id', '=', id)
    .execute();
}

export interface OnFile {
  text: string;
  source: string;
}

export async function insertAnswer(
  db: AppDb,
  callId: number,
  key: string,
  answer: Answer,
  comparison: Comparison | null,
  onFile: OnFile | null,
  at: string,
): Promise<number> {
  const row = await db.q
    .insertInto('call_answers')
    .values({
      call_id: callId,
      answer_key: key,
      answer_json: JSON.stringify(answer),
      comparison,
      on_file_json: onFile ? JSON.stringify(onFile) : null,
      answered_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
export async function listAnswers(db: AppDb, callId: number): Promise<AnswerRow[]> {
  const rows = await db.q
    .selectFrom('call_answers as a')
    .leftJoin('call_read_backs as r', 'r.answer_id', 'a.id')
    .select([
      'a.id',
      'a.answer_key as key',
      'a.answer_json as json',
      'a.comparison',
      'a.on_file_json as onFileJson',
      'r.confirmed_at as readBackAt',
      'a.answered_at as answeredAt',
    ])
    .where('a.call_id', '=', callId)
    .orderBy('a.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    answer: JSON.parse(r.json) as Answer,
    comparison: r.comparison as Comparison | null,
    onFile: r.onFileJson === null ? null : (JSON.parse(r.onFileJson) as OnFile),
    readBackAt: r.readBackAt,
    answeredAt: r.answeredAt,
  }));
}

export async function insertReadBack(db: AppDb, answerId: number, at: string, by: string): Promise<void> {
  await db.q
    .insertInto('call_read_backs')
    .values({ answer_id: answerId, confirmed_at: at, confirmed_by: by })
    .execute();
}

export async function countCallsForPlan(db: AppDb, planId: number): Promise<number> {
  const row = await db.q
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface HoldRow {
  startedAt: string;
  endedAt: string | null;
}

/** The newest in-progress call a person has on hold, with when that hold began. */
export async function findCallOnHold(
  db: AppDb,
  staffUser: string,
): Promise<{ callId: number; holdSince: string } | null> {
  const { rows } = await sql<{ callId: number; holdSince: string }>`
    SELECT c.id AS "callId", h.started_at AS "holdSince" FROM calls c
      JOIN call_holds h ON h.call_id = c.id AND h.ended_at IS NULL
    WHERE c.status = 'in_progress' AND c.staff_user = ${staffUser}
    ORDER BY h.started_at DESC LIMIT 1`.execute(db.q);
  return rows[0] ?? null;
}

export async function listHolds(db: AppDb, callId: number): Promise<HoldRow[]> {
  return db.q
    .selectFrom('call_holds')
    .select(['started_at as startedAt', 'ended_at as endedAt'])
    .where('call_id', '=', callId)
    .orderBy('id')
    .execute();
}

export async function startHold(db: AppDb, callId: number, at: string): Promise<void> {
  await db.q.insertInto('call_holds').values({ call_id: callId, started_at: at }).execute();
}

export async function endOpenHold(db: AppDb, callId: number, at: string): Promise<boolean> {
  const result = await db.q
    .updateTable('call_holds')
    .set({ ended_at: at })
    .where('call_id', '=', callId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface AmendmentRow {
  amendedAt: string;
  amendedBy: string;
  what: string;
  why: string;
}

export async function insertAmendment(db: AppDb, callId: number, a: AmendmentRow): Promise<void> {
  await db.q
    .insertInto('call_amendments')
    .values({ call_id: callId, amended_at: a.amendedAt, amended_by: a.amendedBy, what: a.what, why: a.why })
    .execute();
}

export async function listAmendments(db: AppDb, callId: number): Promise<AmendmentRow[]> {
  return db.q
    .selectFrom('call_amendments')
    .select(['amended_at as amendedAt', 'amended_by as amendedBy', 'what', 'why'])
    .where('call_id', '=', callId)
    .orderBy('id')
    .execute();
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
 * over patient, payer, plan, reference number and codes: engine/callSearch.ts). Call ids grow with start
 * time, so newest first is the index's own descending order and a common word never sorts every match.
 */
export async function searchCalls(
  db: AppDb,
  words: readonly string[],
  limit: number,
): Promise<CallListRow[]> {
  const ids = await callSearchIds(db, words, limit);
  if (ids.length === 0) return [];
  const { rows } = await sql<Omit<CallListRow, 'planned'> & { plannedJson: string }>`
    SELECT c.id, c.status, c.started_at AS "startedAt", pt.first_name || ' ' || pt.last_name AS "patientName",
      py.name AS "payerName", pl.name AS "planName", c.planned_json AS "plannedJson",
      c.reference_number AS "referenceNumber", c.next_action_due AS "nextActionDue"
    FROM calls c JOIN patients pt ON pt.id = c.patient_id
      JOIN plans pl ON pl.id = c.plan_id JOIN payers py ON py.id = pl.payer_id
    WHERE c.id IN (${sql.join(ids)})
    ORDER BY c.id DESC`.execute(db.q);
  return rows.map(({ plannedJson, ...rest }) => ({
    ...rest,
    planned: JSON.parse(plannedJson) as PlannedCode[],
  }));
}
