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
  /** Inclusive UTC timestamps (ISO) or dates. */
  from: string | null;
  to: string | null;
  limit: number;
}

/** Newest first. */
export function listAudit(db: Db, filter: AuditFilter): AuditRow[] {
  return stmt(
    db,
    `SELECT ${COLUMNS} FROM audit_log
     WHERE (@userName IS NULL OR user_name = @userName COLLATE NOCASE)
       AND (@action IS NULL OR action = @action)
       AND (@from IS NULL OR ts_utc >= @from)
       AND (@to IS NULL OR ts_utc <= @to)
     ORDER BY id DESC LIMIT @limit`,
  ).all(filter) as AuditRow[];
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
