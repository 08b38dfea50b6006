// SQL for the to-do list: the records items come from (read narrowly, by index), and the marks a person
// sets on an item (owner, done, snoozed) with their append-only history.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

export interface CallStepRow {
  callId: number;
  status: 'completed' | 'partial';
  patientId: number;
  planId: number;
  plannedJson: string;
  nextAction: string;
  nextActionDue: string;
  staffUser: string;
  patientName: string;
  payerName: string;
  paItems: number;
}

/** Finished calls with a next step due on or after `fromDue`, soonest first. */
export async function listCallSteps(db: AppDb, fromDue: string, limit: number): Promise<CallStepRow[]> {
  const { rows } = await sql<CallStepRow>`
    SELECT c.id AS "callId", c.status, c.patient_id AS "patientId", c.plan_id AS "planId",
      c.planned_json AS "plannedJson", c.next_action AS "nextAction", c.next_action_due AS "nextActionDue",
      c.staff_user AS "staffUser", pt.first_name || ' ' || pt.last_name AS "patientName", py.name AS "payerName",
      (SELECT count(*) FROM prior_auths pa WHERE pa.call_id = c.id) AS "paItems"
    FROM calls c JOIN patients pt ON pt.id = c.patient_id JOIN plans pl ON pl.id = c.plan_id
      JOIN payers py ON py.id = pl.payer_id
    WHERE c.next_action_due >= ${fromDue} AND c.status IN ('completed', 'partial') AND c.next_action IS NOT NULL
    ORDER BY c.next_action_due LIMIT ${limit}`.execute(db.q);
  return rows.map((r) => ({ ...r, paItems: Number(r.paItems) }));
}

export interface PaStepRow {
  id: number;
  callId: number;
  patientId: number;
  planId: number;
  code: string;
  serviceDate: string;
  status: 'to_submit' | 'submitted' | 'more_info' | 'appeal';
  method: string | null;
  decisionExpectedOn: string | null;
  createdAt: string;
  staffUser: string;
  patientName: string;
  payerName: string;
}

/** Prior authorizations still waiting for the desk or for the payer. */
export async function listOpenPriorAuths(db: AppDb, limit: number): Promise<PaStepRow[]> {
  const { rows } = await sql<PaStepRow>`
    SELECT pa.id, pa.call_id AS "callId", pa.patient_id AS "patientId", pa.plan_id AS "planId", pa.code,
      pa.service_date AS "serviceDate", pa.status, pa.method, pa.decision_expected_on AS "decisionExpectedOn",
      pa.created_at AS "createdAt", c.staff_user AS "staffUser",
      pt.first_name || ' ' || pt.last_name AS "patientName", py.name AS "payerName"
    FROM prior_auths pa JOIN calls c ON c.id = pa.call_id JOIN patients pt ON pt.id = pa.patient_id
      JOIN plans pl ON pl.id = pa.plan_id JOIN payers py ON py.id = pl.payer_id
    WHERE pa.status IN ('to_submit', 'submitted', 'more_info', 'appeal')
    ORDER BY pa.service_date, pa.id LIMIT ${limit}`.execute(db.q);
  return rows;
}

export interface TodoMark {
  key: string;
  owner: string | null;
  doneAt: string | null;
  doneBy: string | null;
  snoozedUntil: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

/** Keys per query: well under either engine's limit on bound parameters. */
const KEYS_PER_QUERY = 500;

export async function getMarks(db: AppDb, keys: readonly string[]): Promise<Map<string, TodoMark>> {
  const marks = new Map<string, TodoMark>();
  for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
    const rows = await db.q
      .selectFrom('todo_marks')
      .select([
        'item_key as key',
        'owner',
        'done_at as doneAt',
        'done_by as doneBy',
        'snoozed_until as snoozedUntil',
        'version',
        'updated_at as updatedAt',
        'updated_by as updatedBy',
      ])
      .where('item_key', 'in', keys.slice(start, start + KEYS_PER_QUERY))
      .execute();
    for (const row of rows) marks.set(row.key, row);
  }
  return marks;
}

/**
 * Writes a mark only if it is still at `expectedVersion` (0: none yet); false when someone else changed
 * it first.
 */
export async function writeMark(
  db: AppDb,
  mark: Omit<TodoMark, 'version'>,
  expectedVersion: number,
): Promise<boolean> {
  const values = {
    owner: mark.owner,
    done_at: mark.doneAt,
    done_by: mark.doneBy,
    snoozed_until: mark.snoozedUntil,
    updated_at: mark.updatedAt,
    updated_by: mark.updatedBy,
  };
  if (expectedVersion === 0) {
    const result = await db.q
      .insertInto('todo_marks')
      .values({ item_key: mark.key, ...values, version: 1 })
      .onConflict((oc) => oc.column('item_key').doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const result = await db.q
    .updateTable('todo_marks')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('item_key', '=', mark.key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertTodoEvent(
  db: AppDb,
  key: string,
  at: string,
  by: string,
  what: string,
): Promise<void> {
  await db.q.insertInto('todo_events').values({ item_key: key, at, by_user: by, what }).execute();
}
