// "Move this computer's data to the office database": everything of the office's on this computer's
// SQLite file (officeTables.ts says what that is) copied into an EMPTY office database in ONE server
// transaction, ids kept, the audit trail row for row with its hashes and signing key ids; then, before
// COMMIT, checked on the server: every table row for row against this computer's, and the audit chain
// with the project's own check. Anything that differs rolls the whole copy back. This computer's file is
// only read, so it keeps its own copy whatever happens.
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../../shared/ipc/result';
import type { OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { serverHeadAnchor, type AuditHead } from '../../audit/auditAnchor';
import { auditChainOf, type AuditChain } from '../../audit/auditChain';
import { openAuditTrail, recordAudit, verifyAuditChain } from '../../audit/auditLog';
import type { AppDb } from '../appDb';
import { lockAuditTrail } from '../engine/locks';
import { latestVersion } from '../migrate';
import { MIGRATIONS } from '../migrations';
import {
  CALL_SEARCH,
  COPIED_TABLES,
  countWords,
  DERIVED_SET_FROM_SOURCE,
  DERIVED_TABLES,
  DESK_ONLY_SEED,
  unknownTables,
} from './officeTables';
import { withServer } from './checkOfficeDatabase';
import { connectionProblem } from './connectionProblem';
import { officeDataHeld } from './officeDataHeld';
import { describeConnection, inDoubtMessage } from './pgAppDb';
import { officeSchemaState } from './pgMigrate';
import { pagesOf, sqliteColumns, sqliteTables, TableDigest, type Row } from './tableRows';

export interface MoveOptions {
  now: () => Date;
  /** This computer's name: the office trail says where the data came from. */
  computer: string;
  /** Who moved it (this computer's signed-in administrator; the same user id on the server after the copy). */
  who: { id: number; displayName: string } | null;
  /** Tests only: runs after each table is copied, inside the transaction (a planted failure). */
  afterTable?: (table: string) => void | Promise<void>;
}

export interface MoveResult {
  /** Rows copied, per table (the office's tables only). */
  counts: Record<string, number>;
  /** The copied trail's last entry, now recorded on the server (null: this computer's trail was empty). */
  auditHead: AuditHead | null;
  computer: string;
  /** What moved, in words. */
  message: string;
}

type AnyDb = Kysely<Record<string, Row>>;
const anyQ = (db: AppDb) => db.q as unknown as AnyDb;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table. */
const rowsPerInsert = (columns: number) => Math.max(1, Math.floor(20_000 / columns));

async function insertRows(
  target: AppDb,
  table: string,
  rows: readonly Row[],
  columns: number,
): Promise<void> {
  const size = rowsPerInsert(columns);
  for (let i = 0; i < rows.length; i += size)
    await anyQ(target)
      .insertInto(table)
      .values(rows.slice(i, i + size))
      .execute();
}

/**
 * A completed call refuses new answers (the server's rule, as on this computer): its row goes in as in
 * progress, its answers follow, then it is completed (completeCalls) and its record is locked again.
 */
const openForAnswers = (row: Row): Row =>
  row.status === 'completed' ? { ...row, status: 'in_progress' } : row;

async function completeCalls(target: AppDb, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000)
    await sql`UPDATE calls SET status = 'completed' WHERE id = ANY(${ids.slice(i, i + 5000)})`.execute(
      target.q,
    );
}

/** "The newest" rows the server's triggers derived in id order, set to this computer's. */
const DERIVED_KEYS: Record<string, readonly string[]> = {
  last_verifications: ['patient_id', 'plan_id'],
  plan_years: ['plan_id'],
};

async function setDerivedFromSource(
  target: AppDb,
  table: string,
  rows: readonly Row[],
  columns: readonly string[],
): Promise<void> {
  if (rows.length === 0) return;
  const keys = DERIVED_KEYS[table]!;
  await anyQ(target)
    .insertInto(table)
    .values([...rows])
    .onConflict((oc) =>
      oc
        .columns(keys as never[])
        .doUpdateSet(
          Object.fromEntries(
            columns.filter((c) => !keys.includes(c)).map((c) => [c, sql.ref(`excluded.${c}`)]),
          ),
        ),
    )
    .execute();
}

/** Each id sequence continues after the highest id copied, so the next row gets a fresh id. */
async function continueSequences(target: AppDb): Promise<void> {
  const { rows } = await sql<{ table: string; column: string }>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'`.execute(target.q);
  for (const { table, column } of rows)
    await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), max(${sql.ref(column)}))
      FROM ${sql.table(table)} HAVING max(${sql.ref(column)}) IS NOT NULL`.execute(target.q);
}

const refuse = (why: string) => new AppError('conflict', `Nothing was moved: ${why}`);

/** The copy on the server against this computer's rows; what differs, in words (empty: all the same). */
async function differences(
  source: AppDb,
  target: AppDb,
  expected: ReadonlyMap<string, TableDigest>,
): Promise<string[]> {
  const found: string[] = [];
  for (const [table, digest] of expected) {
    const copy = new TableDigest(digest.columns);
    for await (const page of pagesOf(target, table, digest.columns)) copy.add(page);
    if (copy.count !== digest.count)
      found.push(`${table}: ${digest.count} on this computer, ${copy.count} on the server`);
    else if (copy.digest !== digest.digest)
      found.push(`${table}: the same number of rows, different contents`);
  }
  const indexed = async (db: AppDb) =>
    Number(
      (await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(CALL_SEARCH)}`.execute(db.q)).rows[0]!
        .n,
    );
  const [here, there] = [await indexed(source), await indexed(target)];
  if (here !== there)
    found.push(`Records search: ${here} calls indexed on this computer, ${there} on the server`);
  return found;
}

/** The message: the main kinds by name, the rest as a number. */
function describeMove(counts: Record<string, number>, where: string): string {
  const named = ['users', 'patients', 'payers', 'plans', 'calls', 'prior_auths', 'observations', 'audit_log'];
  const others = Object.entries(counts)
    .filter(([t]) => !named.includes(t))
    .reduce((sum, [, n]) => sum + n, 0);
  return `Moved this computer's data to ${where}: ${named
    .map((t) => countWords(t, counts[t] ?? 0))
    .join(
      ', ',
    )}, and ${others} other row${others === 1 ? '' : 's'} (answers, fees, histories, settings and the like). Every table was compared row for row on the server and the audit trail checks out there.`;
}

const ALREADY_ON_THE_OFFICE_DATABASE =
  'this computer already uses an office database; only its own file can be moved.';

/**
 * Copies everything of the office's from `source` (this computer's SQLite) into `target` (an office
 * database at this app's schema holding no office data), all or nothing. Refusals and a copy that does
 * not match throw AppError 'conflict' ("Nothing was moved: ..."); the server is then as it was.
 */
export async function moveToOffice(source: AppDb, target: AppDb, options: MoveOptions): Promise<MoveResult> {
  if (source.engine !== 'sqlite' || target.engine !== 'postgres')
    throw refuse(ALREADY_ON_THE_OFFICE_DATABASE);
  const chain: AuditChain = { key: auditChainOf(source).key, anchor: serverHeadAnchor(target) };
  /** The server's trail state was set for the copy (and must be set back if it rolls back). */
  let touched = false;
  try {
    return await source.tx(() =>
      target.tx(async () => {
        // Desks appending to the trail, or a second move, wait here until this one is done.
        await lockAuditTrail(target);
        // This computer's trail, at the moment that is copied: only a trail that checks out moves (an
        // empty one only with nobody set up yet).
        const here = await verifyAuditChain(source);
        const users = await source.q.selectFrom('users').select('id').limit(1).execute();
        if (!here.ok && (here.head !== null || users.length > 0))
          throw refuse(
            `this computer's audit trail does not check out. ${here.problem} Check it in Settings, Audit trail, first.`,
          );
        const state = await officeSchemaState(target);
        const latest = latestVersion(MIGRATIONS);
        if (state.kind !== 'verifydesk' || state.version !== latest)
          throw refuse(
            `${target.where} is not a VerifyDesk database at schema ${latest}, the version this VerifyDesk uses. Test the connection to see what it is.`,
          );
        const held = await officeDataHeld(target);
        if (held.length > 0)
          throw refuse(
            `${target.where} already holds office data (${held.map((h) => countWords(h.table, h.count)).join(', ')}). Moving is only into an empty office database, so nothing there is mixed up or overwritten.`,
          );
        const unknown = unknownTables(await sqliteTables(source));
        if (unknown.length > 0)
          throw refuse(`this VerifyDesk does not know where these tables belong: ${unknown.join(', ')}.`);
        touched = true;
        await openAuditTrail(target, chain, { mayStart: true });

        const expected = new Map<string, TableDigest>();
        const counts: Record<string, number> = {};
        const completed: number[] = [];
        for (const table of COPIED_TABLES) {
          const digest = new TableDigest(await sqliteColumns(source, table));
          for await (let rows of pagesOf(source, table, digest.columns)) {
            if (table === 'seed_versions') rows = rows.filter((r) => r.name !== DESK_ONLY_SEED);
            digest.add(rows);
            if (table === 'calls')
              completed.push(...rows.filter((r) => r.status === 'completed').map((r) => Number(r.id)));
            await insertRows(
              target,
              table,
              table === 'calls' ? rows.map(openForAnswers) : rows,
              digest.columns.length,
            );
          }
          if (table === 'call_answers') await completeCalls(target, completed);
          expected.set(table, digest);
          counts[table] = digest.count;
          await options.afterTable?.(table);
        }
        for (const table of DERIVED_TABLES) {
          const digest = new TableDigest(await sqliteColumns(source, table));
          for await (const rows of pagesOf(source, table, digest.columns)) {
            if (DERIVED_SET_FROM_SOURCE.has(table))
              await setDerivedFromSource(target, table, rows, digest.columns);
            digest.add(rows);
          }
          expected.set(table, digest);
        }
        await continueSequences(target);

        const head = here.head;
        if (head) await chain.anchor.write(head);
        // The trail's state on the server as the copy left it: the next entry extends the copied head.
        await openAuditTrail(target, chain, { mayStart: head === null });

        const differ = await differences(source, target, expected);
        if (differ.length > 0)
          throw refuse(
            `the copy on the server did not match this computer's data (${differ.join('; ')}). The office database was left as it was.`,
          );
        if (head) {
          const there = await verifyAuditChain(target);
          if (!there.ok || there.head?.id !== head.id || there.head.hash !== head.hash)
            throw refuse(
              `the audit trail copied to the server does not check out there. ${there.problem ?? `It ends at entry ${there.head?.id}, not ${head.id}.`} The office database was left as it was.`,
            );
        }
        await recordAudit(
          target,
          {
            who: options.who,
            action: 'import',
            entity: 'office_database',
            detail: { from: options.computer, counts, auditHead: head },
          },
          options.now(),
        );
        return {
          counts,
          auditHead: head,
          computer: options.computer,
          message: describeMove(counts, target.where),
        };
      }),
    );
  } catch (error) {
    // Rolled back: the server's trail is as empty as it was, and may start afresh.
    if (touched) await openAuditTrail(target, chain, { mayStart: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * The move as Settings runs it: with the settings an administrator typed (nothing kept), every failure
 * said in plain words that start "Nothing was moved".
 */
export async function moveToOfficeDatabase(
  source: AppDb,
  settings: OfficeDatabaseSettings,
  options: MoveOptions,
): Promise<MoveResult> {
  // Said before any connection is tried: the server's state is beside the point.
  if (source.engine !== 'sqlite') throw refuse(ALREADY_ON_THE_OFFICE_DATABASE);
  try {
    return await withServer(settings, (target) => moveToOffice(source, target, options), 'VerifyDesk move');
  } catch (error) {
    throw inPlainWords(error, settings, 'moved');
  }
}

/**
 * A move's or a merge's failure in words an administrator can act on, each starting "Nothing was moved"
 * (or merged), except a connection lost while the server was committing: only the server knows then.
 */
export function inPlainWords(
  error: unknown,
  settings: OfficeDatabaseSettings,
  done: 'moved' | 'merged',
): Error {
  const nothing = `Nothing was ${done}`;
  if (error instanceof AppError && error.code === 'unavailable') {
    if (error.message === inDoubtMessage(settings))
      return new AppError(
        'unavailable',
        done === 'moved'
          ? `VerifyDesk lost ${describeConnection(settings)} while finishing the move, so it cannot tell whether the data arrived. Test the connection: it says whether the database holds office data now.`
          : `VerifyDesk lost ${describeConnection(settings)} while finishing the merge, so it cannot tell whether the data arrived. Merge again once the server answers: what arrived already is recognised and not brought twice.`,
        undefined,
        error,
      );
    return new AppError(
      'conflict',
      `${nothing}. ${connectionProblem(error.cause ?? error, settings).message}`,
      undefined,
      error,
    );
  }
  // Our own refusals say what to do already.
  if (error instanceof AppError) return error;
  if ((error as { code?: unknown } | null)?.code === '42501')
    return new AppError(
      'conflict',
      done === 'moved'
        ? `${nothing}: the server lets ${settings.user} write rows but not set where new ids continue. Move with the owner's user, the one that created the database.`
        : `${nothing}: the server refused ${settings.user} a change the merge needs. Merge with the owner's user, the one that created the database.`,
      undefined,
      error,
    );
  return new AppError(
    'conflict',
    `${nothing}. ${connectionProblem(error, settings).message}`,
    undefined,
    error,
  );
}
