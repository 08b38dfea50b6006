// The audit trail: append a row in the caller's transaction, read rows back for the admin screen, and
// check the chain. Each entry's hash is an HMAC under the audit key over the previous hash and the entry
// (auditChain.ts); the first entry's previous hash is 64 zeros. The trail's last entry is also recorded
// outside the trail (auditAnchor.ts): a file once the change that wrote it has committed (one computer),
// or a server record in the same transaction (the office database), so a trail cut short or emptied is
// found as well as one edited or re-chained. Appends are one at a time on either engine (engine/locks.ts),
// so several desks writing at once still make one chain.
import { sql } from 'kysely';
import type { AppDb } from '../db/appDb';
import type { Db } from '../db/connection';
import { lockAuditTrail } from '../db/engine/locks';
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

const lastRow = (db: AppDb) =>
  db.q
    .selectFrom('audit_log')
    .select(['id', 'hash', 'mac_key as macKey'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

const hashAt = async (db: AppDb, id: number) =>
  (await db.q.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst())?.hash;

/**
 * What this process knows about the head recorded outside the trail. `mayStart`: no head is recorded
 * yet and one may begin now (a new database, the update that starts signing, or the data taken over on
 * a new computer with the recovery code); otherwise a missing record is a finding, never recreated.
 */
interface AnchorState {
  recorded: AuditHead | null;
  mayStart: boolean;
  unreadable: boolean;
  scheduled: boolean;
}
const anchorStates = new WeakMap<AppDb, AnchorState>();

/** Attaches the audit key and the head's record to an open database; call once, where it is opened. */
export async function openAuditTrail(
  db: AppDb,
  chain: AuditChain,
  options: { mayStart: boolean },
): Promise<void> {
  attachAuditChain(db, chain);
  let recorded: AuditHead | null = null;
  let unreadable = false;
  try {
    recorded = await chain.anchor.read();
  } catch {
    unreadable = true;
  }
  anchorStates.set(db, { recorded, unreadable, mayStart: options.mayStart, scheduled: false });
}

function anchorState(db: AppDb): AnchorState {
  const state = anchorStates.get(db);
  if (!state) throw new Error('The audit trail of this database is not open.');
  return state;
}

/** May `head` be recorded now? Only forward along the chain recorded before, or as a permitted start. */
async function mayRecord(db: AppDb, state: AnchorState, head: AuditHead): Promise<boolean> {
  if (state.unreadable) return false;
  if (state.recorded) {
    return head.id > state.recorded.id && (await hashAt(db, state.recorded.id)) === state.recorded.hash;
  }
  return state.mayStart;
}

/**
 * Records the committed head outside the database, moving it only forward along the chain it recorded
 * before: a trail found cut short or rewritten keeps its old record, so the check still reports it.
 */
async function recordHead(db: AppDb, chain: AuditChain, state: AnchorState): Promise<void> {
  state.scheduled = false;
  if (!db.isOpen) return;
  const head = await lastRow(db);
  if (!head || !(await mayRecord(db, state, head))) return;
  try {
    await chain.anchor.write({ id: head.id, hash: head.hash });
    state.recorded = { id: head.id, hash: head.hash };
    state.mayStart = false;
  } catch (error) {
    // The change itself is committed; the next entry tries again. Never a crash for this.
    console.error(
      `VerifyDesk: the audit trail's last entry could not be recorded (${error instanceof Error ? error.name : typeof error})`,
    );
  }
}

/** Appends one row, in the caller's transaction (or its own): the change and its entry land together or not at all. */
export async function appendAudit(db: AppDb, entry: AuditEntry, at: Date): Promise<AuditRow> {
  const chain = auditChainOf(db);
  const state = anchorState(db);
  return db.tx(async () => {
    // One append at a time, held until this transaction ends: two desks never both extend entry n.
    await lockAuditTrail(db);
    const last = await lastRow(db);
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
    await db.q
      .insertInto('audit_log')
      .values({
        id: row.id,
        ts_utc: row.tsUtc,
        user_id: row.userId,
        user_name: row.userName,
        action: row.action,
        entity: row.entity,
        entity_id: row.entityId,
        detail_json: row.detailJson,
        prev_hash: row.prevHash,
        hash: row.hash,
        mac_key: row.macKey,
      })
      .execute();
    if (chain.anchor.transactional) {
      // Under the same lock and in the same transaction: the record and the trail move together.
      const head = { id: row.id, hash: row.hash };
      if (await mayRecord(db, state, head)) {
        await chain.anchor.write(head);
        db.afterCommit(() => {
          state.recorded = head;
          state.mayStart = false;
        });
      }
    } else if (!state.scheduled) {
      // A file is written once the transaction has committed: rolled back, the head is unchanged and
      // nothing moves.
      state.scheduled = true;
      db.afterCommit(() => recordHead(db, chain, state));
    }
    return row;
  });
}

/**
 * After a restore the trail is the backup's, shorter than the one recorded: the restore's own entry
 * (which names the head it replaced) becomes the recorded head.
 */
export async function recordRestoredHead(db: AppDb): Promise<void> {
  const chain = auditChainOf(db);
  const head = await lastRow(db);
  if (!head) return;
  await chain.anchor.write({ id: head.id, hash: head.hash });
  anchorStates.set(db, {
    recorded: { id: head.id, hash: head.hash },
    mayStart: false,
    unreadable: false,
    scheduled: false,
  });
}

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

const selectRows = (db: AppDb) =>
  db.q
    .selectFrom('audit_log')
    .select([
      'id',
      'ts_utc as tsUtc',
      'user_id as userId',
      'user_name as userName',
      'action',
      'entity',
      'entity_id as entityId',
      'detail_json as detailJson',
      'prev_hash as prevHash',
      'hash',
      'mac_key as macKey',
    ]);

/**
 * The patient a row is about, read at display time: the trail itself holds ids only (minimum
 * necessary), so a name is shown to the administrator reading it, never written into it. A coverage or
 * history line created through the patient's record is logged under the patient's id (the guard takes
 * the id of what the channel returned); a deleted coverage or history line no longer says whose it was.
 */
const PATIENT_OF_ROW = sql<number | null>`CASE
    WHEN a.entity = 'patient' THEN a.entity_id
    WHEN a.entity IN ('coverage', 'service_history') AND a.action = 'create' THEN a.entity_id
    WHEN a.entity = 'coverage' THEN (SELECT patient_id FROM coverages WHERE id = a.entity_id)
    WHEN a.entity = 'call' THEN (SELECT patient_id FROM calls WHERE id = a.entity_id)
    WHEN a.entity = 'estimate' THEN (SELECT patient_id FROM estimates WHERE id = a.entity_id)
    WHEN a.entity = 'good_faith_estimate' THEN (SELECT patient_id FROM good_faith_estimates WHERE id = a.entity_id)
    WHEN a.entity = 'prior_auth' THEN (SELECT patient_id FROM prior_auths WHERE id = a.entity_id)
  END`;

/** The rows about one patient, as id lists per entity (each read once, not per row of the trail). */
const aboutPatient = (patientId: number) => sql<boolean>`(
    (a.entity = 'patient' AND a.entity_id = ${patientId})
    OR (a.entity IN ('coverage', 'service_history') AND a.action = 'create' AND a.entity_id = ${patientId})
    OR (a.entity = 'coverage' AND a.action <> 'create' AND a.entity_id IN (SELECT id FROM coverages WHERE patient_id = ${patientId}))
    OR (a.entity = 'call' AND a.entity_id IN (SELECT id FROM calls WHERE patient_id = ${patientId}))
    OR (a.entity = 'estimate' AND a.entity_id IN (SELECT id FROM estimates WHERE patient_id = ${patientId}))
    OR (a.entity = 'good_faith_estimate' AND a.entity_id IN (SELECT id FROM good_faith_estimates WHERE patient_id = ${patientId}))
    OR (a.entity = 'prior_auth' AND a.entity_id IN (SELECT id FROM prior_auths WHERE patient_id = ${patientId})))`;

export interface AuditRowWithPatient extends Omit<AuditRow, 'macKey'> {
  patientId: number | null;
  patientName: string | null;
}

/** Newest first, each row with the patient it is about (when it is about one). */
export async function listAudit(db: AppDb, filter: AuditFilter): Promise<AuditRowWithPatient[]> {
  let query = db.q
    .selectFrom('audit_log as a')
    .select([
      'a.id',
      'a.ts_utc as tsUtc',
      'a.user_id as userId',
      'a.user_name as userName',
      'a.action',
      'a.entity',
      'a.entity_id as entityId',
      'a.detail_json as detailJson',
      'a.prev_hash as prevHash',
      'a.hash',
      PATIENT_OF_ROW.as('patientId'),
    ]);
  if (filter.userName !== null)
    query = query.where(sql`lower(a.user_name)`, '=', sql<string>`lower(${filter.userName})`);
  if (filter.action !== null) query = query.where('a.action', '=', filter.action);
  if (filter.from !== null) query = query.where('a.ts_utc', '>=', filter.from);
  if (filter.to !== null) query = query.where('a.ts_utc', '<=', filter.to);
  if (filter.patientId !== null) query = query.where(aboutPatient(filter.patientId));
  const rows = await query.orderBy('a.id', 'desc').limit(filter.limit).execute();
  // The names of the patients on this page, read once each.
  const ids = [...new Set(rows.map((r) => r.patientId).filter((id): id is number => id !== null))];
  const names = new Map<number, string>();
  if (ids.length > 0) {
    const people = await db.q
      .selectFrom('patients')
      .select(['id', 'first_name', 'last_name'])
      .where('id', 'in', ids)
      .execute();
    for (const p of people) names.set(p.id, `${p.first_name} ${p.last_name}`);
  }
  return rows.map((r) => ({
    ...r,
    patientId: r.patientId === null ? null : Number(r.patientId),
    patientName: r.patientId === null ? null : (names.get(Number(r.patientId)) ?? null),
  }));
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

/** The entries that may open this computer's signing after entries it cannot check (see TrailWalker). */
const OPENS_SIGNING = {
  /** After unsigned entries: the update that started signing writes this one first. */
  legacy: ['audit_signing'],
  /** After another computer's entries: the takeover with the recovery code, or a restore at start. */
  foreign: ['emergency_access', 'restore'],
} as const;

/**
 * Walks a trail in id order, one row at a time (a live trail is read in pages, a backup's straight
 * through): each entry must link to the one before it. Unsigned entries (from before signing) come
 * first, then entries signed on another computer (before this one took the data over), then this
 * computer's; and this computer's first entry after either kind is the one that explains it
 * (OPENS_SIGNING), which only VerifyDesk can sign.
 */
class TrailWalker {
  readonly walk: Walk = {
    checked: 0,
    head: null,
    firstBadId: null,
    problem: null,
    signedElsewhereThrough: null,
    signedHere: false,
    last: null,
  };
  private prevHash = GENESIS_HASH;
  private previous: 'none' | 'legacy' | 'foreign' | 'own' = 'none';

  constructor(private readonly ownKey: AuditChain['key']) {}

  private bad(id: number, problem: string): false {
    this.walk.firstBadId = id;
    this.walk.problem = problem;
    return false;
  }

  private outside(id: number, what: string): false {
    return this.bad(id, `Entry ${id} ${what}: it was added or rewritten outside VerifyDesk.`);
  }

  /** Takes the next row; false once a problem is found (the walk stops there). */
  feed(row: AuditRow): boolean {
    const walk = this.walk;
    const { prevHash: storedPrev, hash, ...fields } = row;
    if (row.id !== walk.checked + 1 || storedPrev !== this.prevHash)
      return this.bad(
        row.id,
        `Entry ${row.id} does not follow from the entry before it: entries were removed or inserted.`,
      );
    if (fields.macKey === null) {
      if (this.previous !== 'none' && this.previous !== 'legacy')
        return this.outside(row.id, 'is unsigned although entries before it are signed');
      if (legacyHash(this.prevHash, fields) !== hash)
        return this.bad(row.id, `Entry ${row.id} was changed after it was written.`);
      this.previous = 'legacy';
    } else if (fields.macKey === this.ownKey.id) {
      if (signedHash(this.ownKey.key, this.prevHash, fields) !== hash)
        return this.outside(row.id, 'was changed after it was written, or signed');
      if (
        (this.previous === 'legacy' || this.previous === 'foreign') &&
        !(OPENS_SIGNING[this.previous] as readonly string[]).includes(fields.action)
      )
        return this.outside(
          row.id,
          'follows entries this computer cannot check, without the entry that explains them',
        );
      walk.signedHere = true;
      this.previous = 'own';
    } else {
      // Another computer's key: only its links can be checked here, and only before this computer's
      // own entries (its first one vouches for everything before it).
      if (this.previous === 'own')
        return this.outside(row.id, 'is signed with a key this computer does not hold');
      walk.signedElsewhereThrough = row.id;
      this.previous = 'foreign';
    }
    this.prevHash = hash;
    walk.checked++;
    walk.head = { id: row.id, hash };
    walk.last = row;
    return true;
  }
}

/** Rows read per page when walking a live trail: memory stays flat however long the trail is. */
const WALK_PAGE = 5000;

async function walkLiveTrail(db: AppDb, ownKey: AuditChain['key']): Promise<Walk> {
  const walker = new TrailWalker(ownKey);
  let after = 0;
  for (;;) {
    const page = await selectRows(db).where('id', '>', after).orderBy('id').limit(WALK_PAGE).execute();
    for (const row of page) if (!walker.feed(row)) return walker.walk;
    if (page.length < WALK_PAGE) return walker.walk;
    after = page.at(-1)!.id;
  }
}

/** A backup's trail, straight through. A backup from before signing has no mac_key column. */
function walkCopyTrail(copy: Db, ownKey: AuditChain['key']): Walk {
  const MAC_KEY = copy.prepare("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = 'mac_key'").get()
    ? 'mac_key'
    : 'NULL';
  const walker = new TrailWalker(ownKey);
  for (const row of copy
    .prepare(
      `SELECT id, ts_utc AS tsUtc, user_id AS userId, user_name AS userName, action, entity,
         entity_id AS entityId, detail_json AS detailJson, prev_hash AS prevHash, hash, ${MAC_KEY} AS macKey
       FROM audit_log ORDER BY id`,
    )
    .iterate() as Iterable<AuditRow>) {
    if (!walker.feed(row)) break;
  }
  return walker.walk;
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
 * trail. An empty trail fails (the first administrator's setup is always in it).
 */
export async function verifyAuditChain(db: AppDb): Promise<ChainCheck> {
  const chain = auditChainOf(db);
  const walk = await walkLiveTrail(db, chain.key);
  if (walk.problem) return checkOf(walk);
  if (walk.head === null) return checkOf(walk, 'The trail is empty: its entries have been removed.');
  let recorded: AuditHead | null;
  try {
    recorded = await chain.anchor.read();
  } catch (error) {
    return checkOf(walk, `${(error as Error).message} The end of the trail cannot be confirmed.`);
  }
  if (recorded === null) {
    return walk.signedHere
      ? checkOf(
          walk,
          `The record of the trail's last entry, kept ${chain.anchor.transactional ? 'apart from the trail' : 'outside the database'} (${chain.anchor.where}), is missing: the end of the trail cannot be confirmed.`,
        )
      : checkOf(walk);
  }
  if (walk.head.id < recorded.id)
    return checkOf(
      walk,
      `The trail ends at entry ${walk.head.id}, but entry ${recorded.id} was written: entries were removed from its end.`,
    );
  if ((await hashAt(db, recorded.id)) !== recorded.hash)
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
  const walk = walkCopyTrail(copy, ownKey);
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
export function recordAudit(db: AppDb, entry: AuditEntry, at: Date): Promise<AuditRow> {
  return appendAudit(db, entry, at);
}

/** The database was opened with the recovery code instead of this PC's stored key. */
export async function recordEmergencyAccess(db: AppDb, now: () => Date): Promise<void> {
  await recordAudit(
    db,
    { who: null, otherwise: 'recovery code', action: 'emergency_access', entity: 'database' },
    now(),
  );
}

/**
 * The newest use of the recovery code that no administrator has acknowledged yet (ENC-6: the next
 * administrator to sign in is told, in case nobody at the practice expected it).
 */
export async function unacknowledgedEmergencyAccess(db: AppDb): Promise<{ id: number; at: string } | null> {
  const latest = await db.q
    .selectFrom('audit_log')
    .select(['id', 'ts_utc as at'])
    .where('action', '=', 'emergency_access')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return null;
  const seen = await db.q
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'change')
    .where('entity', '=', 'emergency_access')
    .where('entity_id', '=', latest.id)
    .where('id', '>', latest.id)
    .executeTakeFirst();
  return seen ? null : latest;
}
