// The audit trail: append a row in the caller's transaction, read rows back for the admin screen, and
// verify the hash chain. hash = SHA-256(prev_hash || canonical row); the first row's prev_hash is 64 zeros.
import { createHash } from 'node:crypto';
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  /** The signed-in person; null when nobody is (start-up, a restore, a failed sign-in). */
  who: { id: number; displayName: string } | null;
  /** The name written when `who` is null; by default "nobody signed in". */
  otherwise?: string;
  action: string;
  entity: string;
  entityId?: number | null;
  /** Ids, counts and field names only: never names, dates of birth, member IDs or notes. */
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  tsUtc: string;
  userId: number | null;
  userName: string;
  action: string;
  entity: string;
  entityId: number | null;
  detailJson: string;
  prevHash: string;
  hash: string;
}

function rowHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const canonical = JSON.stringify([
    row.id,
    row.tsUtc,
    row.userId,
    row.userName,
    row.action,
    row.entity,
    row.entityId,
    row.detailJson,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
}

/** Appends one row. Call inside the transaction of the change it records, so both land or neither. */
export function appendAudit(db: Db, entry: AuditEntry, at: Date): AuditRow {
  const last = stmt(db, 'SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string } | undefined;
  const base = {
    id: (last?.id ?? 0) + 1,
    tsUtc: at.toISOString(),
    userId: entry.who?.id ?? null,
    userName: entry.who?.displayName ?? entry.otherwise ?? 'nobody signed in',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    detailJson: JSON.stringify(entry.detail ?? {}),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditRow = { ...base, prevHash, hash: rowHash(prevHash, base) };
  stmt(
    db,
    `INSERT INTO audit_log (id, ts_utc, user_id, user_name, action, entity, entity_id, detail_json, prev_hash, hash)
     VALUES (@id, @tsUtc, @userId, @userName, @action, @entity, @entityId, @detailJson, @prevHash, @hash)`,
  ).run(row);
  return row;
}

const COLUMNS = `id, ts_utc AS tsUtc, user_id AS userId, user_name AS userName, action, entity,
  entity_id AS entityId, detail_json AS detailJson, prev_hash AS prevHash, hash`;

export interface AuditFilter {
  userName: string | null;
  action: string | null;
  /** Rows about this patient: their record, coverages, history, calls, estimates, GFEs and PA items. */
  patientId: number | null;
  /** Inclusive UTC timestamps (ISO) or dates. */
  from: string | null;
  to: string | null;
  limit: number;
}

/**
 * The patient a row is about, read at display time: the trail itself holds ids only (minimum
 * necessary), so a name is shown to the administrator reading it, never written into it. A coverage or
 * history line created through the patient's record is logged under the patient's id (the guard takes
 * the id of what the channel returned); a deleted coverage or history line no longer says whose it was.
 */
const PATIENT_OF_ROW = `CASE
    WHEN a.entity = 'patient' THEN a.entity_id
    WHEN a.entity IN ('coverage', 'service_history') AND a.action = 'create' THEN a.entity_id
    WHEN a.entity = 'coverage' THEN (SELECT patient_id FROM coverages WHERE id = a.entity_id)
    WHEN a.entity = 'call' THEN (SELECT patient_id FROM calls WHERE id = a.entity_id)
    WHEN a.entity = 'estimate' THEN (SELECT patient_id FROM estimates WHERE id = a.entity_id)
    WHEN a.entity = 'good_faith_estimate' THEN (SELECT patient_id FROM good_faith_estimates WHERE id = a.entity_id)
    WHEN a.entity = 'prior_auth' THEN (SELECT patient_id FROM prior_auths WHERE id = a.entity_id)
  END`;

/** The rows about one patient, as id lists per entity (each read once, not per row of the trail). */
const ABOUT_PATIENT = `(
    (a.entity = 'patient' AND a.entity_id = @patientId)
    OR (a.entity IN ('coverage', 'service_history') AND a.action = 'create' AND a.entity_id = @patientId)
    OR (a.entity = 'coverage' AND a.action <> 'create' AND a.entity_id IN (SELECT id FROM coverages WHERE patient_id = @patientId))
    OR (a.entity = 'call' AND a.entity_id IN (SELECT id FROM calls WHERE patient_id = @patientId))
    OR (a.entity = 'estimate' AND a.entity_id IN (SELECT id FROM estimates WHERE patient_id = @patientId))
    OR (a.entity = 'good_faith_estimate' AND a.entity_id IN (SELECT id FROM good_faith_estimates WHERE patient_id = @patientId))
    OR (a.entity = 'prior_auth' AND a.entity_id IN (SELECT id FROM prior_auths WHERE patient_id = @patientId)))`;

export interface AuditRowWithPatient extends AuditRow {
  patientId: number | null;
  patientName: string | null;
}

/** Newest first, each row with the patient it is about (when it is about one). */
export function listAudit(db: Db, filter: AuditFilter): AuditRowWithPatient[] {
  return stmt(
    db,
    `SELECT r.*, p.first_name || ' ' || p.last_name AS patientName FROM (
       SELECT a.id, a.ts_utc AS tsUtc, a.user_id AS userId, a.user_name AS userName, a.action, a.entity,
         a.entity_id AS entityId, a.detail_json AS detailJson, a.prev_hash AS prevHash, a.hash,
         ${PATIENT_OF_ROW} AS patientId
       FROM audit_log a
       WHERE (@userName IS NULL OR a.user_name = @userName COLLATE NOCASE)
         AND (@action IS NULL OR a.action = @action)
         AND (@from IS NULL OR a.ts_utc >= @from)
         AND (@to IS NULL OR a.ts_utc <= @to)
         AND (@patientId IS NULL OR ${ABOUT_PATIENT})
       ORDER BY a.id DESC LIMIT @limit) r
     LEFT JOIN patients p ON p.id = r.patientId
     ORDER BY r.id DESC`,
  ).all(filter) as AuditRowWithPatient[];
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** The first row whose link is broken (edited, inserted or a gap before it); null when all hold. */
  firstBadId: number | null;
  head: { id: number; hash: string } | null;
}

/** Walks the whole chain in id order. */
export function verifyAuditChain(db: Db): ChainCheck {
  let prevHash = GENESIS_HASH;
  let expectedId = 1;
  let checked = 0;
  let head: ChainCheck['head'] = null;
  for (const row of db
    .prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id`)
    .iterate() as Iterable<AuditRow>) {
    const { prevHash: storedPrev, hash, ...base } = row;
    if (row.id !== expectedId || storedPrev !== prevHash || rowHash(prevHash, base) !== hash) {
      return { ok: false, checked, firstBadId: row.id, head };
    }
    prevHash = hash;
    expectedId++;
    checked++;
    head = { id: row.id, hash };
  }
  return { ok: true, checked, firstBadId: null, head };
}

/** Appends one row in a transaction of its own: for actions that change no rows (sign-in, a backup). */
export function recordAudit(db: Db, entry: AuditEntry, at: Date): AuditRow {
  return db.transaction(() => appendAudit(db, entry, at))();
}

/** The database was opened with the recovery code instead of this PC's stored key. */
export function recordEmergencyAccess(db: Db, now: () => Date): void {
  recordAudit(
    db,
    { who: null, otherwise: 'recovery code', action: 'emergency_access', entity: 'database' },
    now(),
  );
}

/**
 * The newest use of the recovery code that no administrator has acknowledged yet (ENC-6: the next
 * administrator to sign in is told, in case nobody at the practice expected it).
 */
export function unacknowledgedEmergencyAccess(db: Db): { id: number; at: string } | null {
  const latest = db
    .prepare(
      "SELECT id, ts_utc AS at FROM audit_log WHERE action = 'emergency_access' ORDER BY id DESC LIMIT 1",
    )
    .get() as { id: number; at: string } | undefined;
  if (!latest) return null;
  const seen = db
    .prepare(
      "SELECT 1 FROM audit_log WHERE action = 'change' AND entity = 'emergency_access' AND entity_id = ? AND id > ?",
    )
    .get(latest.id, latest.id);
  return seen ? null : latest;
}
