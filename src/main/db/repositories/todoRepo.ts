// SQL for the to-do list: the records items come from (read narrowly, by index), and the marks a person
// sets on an item (owner, done, snoozed) with their append-only history.
import type { Db } from '../connection';
import { stmt } from '../statements';

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
export function listCallSteps(db: Db, fromDue: string, limit: number): CallStepRow[] {
  return stmt(
    db,
    `SELECT c.id AS callId, c.status, c.patient_id AS patientId, c.plan_id AS planId, c.planned_json AS plannedJson,
       c.next_action AS nextAction, c.next_action_due AS nextActionDue, c.staff_user AS staffUser,
       pt.first_name || ' ' || pt.last_name AS patientName, py.name AS payerName,
       (SELECT count(*) FROM prior_auths pa WHERE pa.call_id = c.id) AS paItems
     FROM calls c JOIN patients pt ON pt.id = c.patient_id JOIN plans pl ON pl.id = c.plan_id
       JOIN payers py ON py.id = pl.payer_id
     WHERE c.next_action_due >= ? AND c.status IN ('completed', 'partial') AND c.next_action IS NOT NULL
     ORDER BY c.next_action_due LIMIT ?`,
  ).all(fromDue, limit) as CallStepRow[];
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
export function listOpenPriorAuths(db: Db, limit: number): PaStepRow[] {
  return stmt(
    db,
    `SELECT pa.id, pa.call_id AS callId, pa.patient_id AS patientId, pa.plan_id AS planId, pa.code,
       pa.service_date AS serviceDate, pa.status, pa.method, pa.decision_expected_on AS decisionExpectedOn,
       pa.created_at AS createdAt, c.staff_user AS staffUser,
       pt.first_name || ' ' || pt.last_name AS patientName, py.name AS payerName
     FROM prior_auths pa JOIN calls c ON c.id = pa.call_id JOIN patients pt ON pt.id = pa.patient_id
       JOIN plans pl ON pl.id = pa.plan_id JOIN payers py ON py.id = pl.payer_id
     WHERE pa.status IN ('to_submit', 'submitted', 'more_info', 'appeal')
     ORDER BY pa.service_date, pa.id LIMIT ?`,
  ).all(limit) as PaStepRow[];
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

const MARK = `item_key AS key, owner, done_at AS doneAt, done_by AS doneBy, snoozed_until AS snoozedUntil, version,
  updated_at AS updatedAt, updated_by AS updatedBy`;

export function getMarks(db: Db, keys: readonly string[]): Map<string, TodoMark> {
  if (keys.length === 0) return new Map();
  const rows = stmt(
    db,
    `SELECT ${MARK} FROM todo_marks WHERE item_key IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(keys)) as TodoMark[];
  return new Map(rows.map((r) => [r.key, r]));
}

/**
 * Writes a mark only if it is still at `expectedVersion` (0: none yet); false when someone else changed
 * it first.
 */
export function writeMark(db: Db, mark: Omit<TodoMark, 'version'>, expectedVersion: number): boolean {
  if (expectedVersion === 0) {
    return (
      stmt(
        db,
        `INSERT INTO todo_marks (item_key, owner, done_at, done_by, snoozed_until, version, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT (item_key) DO NOTHING`,
      ).run(mark.key, mark.owner, mark.doneAt, mark.doneBy, mark.snoozedUntil, mark.updatedAt, mark.updatedBy)
        .changes === 1
    );
  }
  return (
    stmt(
      db,
      `UPDATE todo_marks SET owner = ?, done_at = ?, done_by = ?, snoozed_until = ?, version = version + 1,
         updated_at = ?, updated_by = ? WHERE item_key = ? AND version = ?`,
    ).run(
      mark.owner,
      mark.doneAt,
      mark.doneBy,
      mark.snoozedUntil,
      mark.updatedAt,
      mark.updatedBy,
      mark.key,
      expectedVersion,
    ).changes === 1
  );
}

export function insertTodoEvent(db: Db, key: string, at: string, by: string, what: string): void {
  stmt(db, 'INSERT INTO todo_events (item_key, at, by_user, what) VALUES (?, ?, ?, ?)').run(
    key,
    at,
    by,
    what,
  );
}
