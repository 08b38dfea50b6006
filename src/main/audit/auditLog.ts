// The audit trail: append a row in the caller's transaction, read rows back for the admin screen, and
// check the chain. Each entry's hash is an HMAC under the audit key over the previous hash and the entry
// (auditChain.ts); the first entry's previous hash is 64 zeros. The trail's last entry is also recorded
// outside the database (auditAnchor.ts) once the change that wrote it has committed, so a trail cut short
// or emptied is found as well as one edited or re-chained.
import type { Db } from '../db/connection';
import { stmt } from '../db/statements';
import type { AuditHead } from './auditAnchor';
import {
  attachAuditChain,
  auditChainOf,
  legacyHash,
  signedHash,
  type AuditChain,
  type ChainedFields,
} from './auditChain';

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

export interface AuditRow extends ChainedFields {
  prevHash: string;
  hash: string;
}

const lastRow = (db: Db) =>
  stmt(db, 'SELECT id, hash, mac_key AS macKey FROM audit_log ORDER BY id DESC LIMIT 1').get() as
    { id: number; hash: string; macKey: string | null } | undefined;

const hashAt = (db: Db, id: number) =>
  (stmt(db, 'SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string } | undefined)?.hash;

/**
 * What this process knows about the head recorded outside the database. `mayStart`: no head is recorded
 * yet and one may begin now (a new database, the update that starts signing, or the data taken over on
 * a new computer with the recovery code); otherwise a missing record is a finding, never recreated.
 */
interface AnchorState {
  recorded: AuditHead | null;
  mayStart: boolean;
  unreadable: boolean;
  scheduled: boolean;
}
const anchorStates = new WeakMap<Db, AnchorState>();

/** Attaches the audit key and the head's record to an open database; call once, where it is opened. */
export function openAuditTrail(db: Db, chain: AuditChain, options: { mayStart: boolean }): void {
  attachAuditChain(db, chain);
  let recorded: AuditHead | null = null;
  let unreadable = false;
  try {
    recorded = chain.anchor.read();
  } catch {
    unreadable = true;
  }
  anchorStates.set(db, { recorded, unreadable, mayStart: options.mayStart, scheduled: false });
}

function anchorState(db: Db): AnchorState {
  const state = anchorStates.get(db);
  if (!state) throw new Error('The audit trail of this database is not open.');
  return state;
}

/**
 * Records the committed head outside the database, moving it only forward along the chain it recorded
 * before: a trail found cut short or rewritten keeps its old record, so the check still reports it.
 */
function recordHead(db: Db, chain: AuditChain, state: AnchorState): void {
  state.scheduled = false;
  if (!db.open || db.inTransaction || state.unreadable) return;
  const head = lastRow(db);
  if (!head) return;
  if (state.recorded) {
    if (head.id <= state.recorded.id || hashAt(db, state.recorded.id) !== state.recorded.hash) return;
  } else if (!state.mayStart) return;
  try {
    chain.anchor.write({ id: head.id, hash: head.hash });
    state.recorded = { id: head.id, hash: head.hash };
    state.mayStart = false;
  } catch (error) {
    // The change itself is committed; the next entry tries again. Never a crash for this.
    console.error(
      `VerifyDesk: the audit trail's last entry could not be recorded (${error instanceof Error ? error.name : typeof error})`,
    );
  }
}

/** Appends one row. Call inside the transaction of the change it records, so both land or neither. */
export function appendAudit(db: Db, entry: AuditEntry, at: Date): AuditRow {
  const chain = auditChainOf(db);
  const state = anchorState(db);
  const last = lastRow(db);
  const fields: ChainedFields = {
    id: (last?.id ?? 0) + 1,
    tsUtc: at.toISOString(),
    userId: entry.who?.id ?? null,
    userName: entry.who?.displayName ?? entry.otherwise ?? 'nobody signed in',
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    detailJson: JSON.stringify(entry.detail ?? {}),
    macKey: chain.key.id,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditRow = { ...fields, prevHash, hash: signedHash(chain.key.key, prevHash, fields) };
  stmt(
    db,
    `INSERT INTO audit_log (id, ts_utc, user_id, user_name, action, entity, entity_id, detail_json, prev_hash, hash, mac_key)
     VALUES (@id, @tsUtc, @userId, @userName, @action, @entity, @entityId, @detailJson, @prevHash, @hash, @macKey)`,
  ).run(row);
  // The head is recorded once the caller's transaction has ended (these transactions are synchronous,
  // so it has by the next microtask): rolled back, the database head is unchanged and nothing moves.
  if (!state.scheduled) {
    state.scheduled = true;
    queueMicrotask(() => recordHead(db, chain, state));
  }
  return row;
}

/**
 * After a restore the trail is the backup's, shorter than the one recorded: the restore's own entry
 * (which names the head it replaced) becomes the recorded head.
 */
export function recordRestoredHead(db: Db): void {
  const chain = auditChainOf(db);
  const head = lastRow(db);
  if (!head) return;
  chain.anchor.write({ id: head.id, hash: head.hash });
  anchorStates.set(db, {
    recorded: { id: head.id, hash: head.hash },
    mayStart: false,
    unreadable: false,
    scheduled: false,
  });
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

export interface AuditRowWithPatient extends Omit<AuditRow, 'macKey'> {
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
  /** The first row whose link is broken (edited, inserted, re-signed or a gap before it); null when none. */
  firstBadId: number | null;
  head: AuditHead | null;
  /** What is wrong, in words an administrator can act on; null when the check passed. */
  problem: string | null;
  /**
   * Entries signed on another computer before this one took the data over with the recovery code: only
   * that computer's audit key checks them; this one confirms they are unchanged since. The last such id.
   */
  signedElsewhereThrough: number | null;
}

interface Walk {
  checked: number;
  head: AuditHead | null;
  firstBadId: number | null;
  problem: string | null;
  signedElsewhereThrough: number | null;
  /** This computer's key signed at least one entry. */
  signedHere: boolean;
  last: AuditRow | null;
}

/** The entries that may open this computer's signing after entries it cannot check (see walkTrail). */
const OPENS_SIGNING = {
  /** After unsigned entries: the update that started signing writes this one first. */
  legacy: ['audit_signing'],
  /** After another computer's entries: the takeover with the recovery code, or a restore at start. */
  foreign: ['emergency_access', 'restore'],
} as const;

/**
 * Walks a trail in id order: each entry must link to the one before it. Unsigned entries (from before
 * signing) come first, then entries signed on another computer (before this one took the data over),
 * then this computer's; and this computer's first entry after either kind is the one that explains it
 * (OPENS_SIGNING), which only VerifyDesk can sign. `db` may be a backup from before signing, whose
 * table has no mac_key column.
 */
function walkTrail(db: Db, ownKey: AuditChain['key']): Walk {
  // A backup from before signing has no mac_key column: its entries read as unsigned.
  const MAC_KEY = db.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'mac_key'").get()
    ? 'mac_key'
    : 'NULL';
  const walk: Walk = {
    checked: 0,
    head: null,
    firstBadId: null,
    problem: null,
    signedElsewhereThrough: null,
    signedHere: false,
    last: null,
  };
  let prevHash = GENESIS_HASH;
  let previous: 'none' | 'legacy' | 'foreign' | 'own' = 'none';
  const bad = (id: number, problem: string): Walk => ({ ...walk, firstBadId: id, problem });
  const outside = (id: number, what: string) =>
    bad(id, `Entry ${id} ${what}: it was added or rewritten outside VerifyDesk.`);
  for (const row of db
    .prepare(`SELECT ${COLUMNS}, ${MAC_KEY} AS macKey FROM audit_log ORDER BY id`)
    .iterate() as Iterable<AuditRow>) {
    const { prevHash: storedPrev, hash, ...fields } = row;
    if (row.id !== walk.checked + 1 || storedPrev !== prevHash)
      return bad(
        row.id,
        `Entry ${row.id} does not follow from the entry before it: entries were removed or inserted.`,
      );
    if (fields.macKey === null) {
      if (previous !== 'none' && previous !== 'legacy')
        return outside(row.id, 'is unsigned although entries before it are signed');
      if (legacyHash(prevHash, fields) !== hash)
        return bad(row.id, `Entry ${row.id} was changed after it was written.`);
      previous = 'legacy';
    } else if (fields.macKey === ownKey.id) {
      if (signedHash(ownKey.key, prevHash, fields) !== hash)
        return outside(row.id, 'was changed after it was written, or signed');
      if (
        (previous === 'legacy' || previous === 'foreign') &&
        !(OPENS_SIGNING[previous] as readonly string[]).includes(fields.action)
      )
        return outside(
          row.id,
          'follows entries this computer cannot check, without the entry that explains them',
        );
      walk.signedHere = true;
      previous = 'own';
    } else {
      // Another computer's key: only its links can be checked here, and only before this computer's
      // own entries (its first one vouches for everything before it).
      if (previous === 'own') return outside(row.id, 'is signed with a key this computer does not hold');
      walk.signedElsewhereThrough = row.id;
      previous = 'foreign';
    }
    prevHash = hash;
    walk.checked++;
    walk.head = { id: row.id, hash };
    walk.last = row;
  }
  return walk;
}

const checkOf = (walk: Walk, problem: string | null = walk.problem): ChainCheck => ({
  ok: problem === null,
  checked: walk.checked,
  firstBadId: walk.firstBadId,
  head: walk.head,
  problem,
  signedElsewhereThrough: walk.signedElsewhereThrough,
});

/**
 * The live trail, in full: every link and signature, then its end against the head recorded outside the
 * database. An empty trail fails (the first administrator's setup is always in it).
 */
export function verifyAuditChain(db: Db): ChainCheck {
  const chain = auditChainOf(db);
  const walk = walkTrail(db, chain.key);
  if (walk.problem) return checkOf(walk);
  if (walk.head === null) return checkOf(walk, 'The trail is empty: its entries have been removed.');
  let recorded: AuditHead | null;
  try {
    recorded = chain.anchor.read();
  } catch (error) {
    return checkOf(walk, `${(error as Error).message} The end of the trail cannot be confirmed.`);
  }
  if (recorded === null) {
    return walk.signedHere
      ? checkOf(
          walk,
          `The record of the trail's last entry, kept outside the database (${chain.anchor.where}), is missing: the end of the trail cannot be confirmed.`,
        )
      : checkOf(walk);
  }
  if (walk.head.id < recorded.id)
    return checkOf(
      walk,
      `The trail ends at entry ${walk.head.id}, but entry ${recorded.id} was written: entries were removed from its end.`,
    );
  if (hashAt(db, recorded.id) !== recorded.hash)
    return checkOf(
      walk,
      `Entry ${recorded.id} is not the entry that was written there: the trail was rewritten.`,
    );
  return checkOf(walk);
}

/**
 * A backup's trail, before it is restored: every link and signature this computer can check, and its end.
 * A backup carries its own head: the entry recording the backup is written before the copy is taken, so
 * a backup whose trail does not end with it (`name`, when the file still has its backup name) was cut.
 * Returns the problem, or null.
 */
export function backupTrailProblem(copy: Db, ownKey: AuditChain['key'], name: string | null): string | null {
  const hasTrail = copy
    .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'audit_log'")
    .get();
  if (!hasTrail) return null; // from before the audit trail existed
  const walk = walkTrail(copy, ownKey);
  if (walk.problem) return `Its audit trail was altered: ${walk.problem}`;
  if (!walk.signedHere) {
    const users = copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    return walk.head === null && users.n > 0 ? 'Its audit trail is empty: its entries were removed.' : null;
  }
  const last = walk.last!;
  const file = (JSON.parse(last.detailJson) as { file?: unknown }).file;
  if (last.action !== 'backup' || (name !== null && file !== name))
    return 'Its audit trail does not end with the entry that records this backup: entries were removed from its end.';
  return null;
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
