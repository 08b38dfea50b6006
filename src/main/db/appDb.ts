// The office data as repositories and services reach it: one typed query layer (Kysely) over either
// engine. A transaction follows the async code that opened it (AsyncLocalStorage), so a repository
// called inside one runs in it without being handed it, as better-sqlite3's single connection did; a
// transaction opened inside another joins it. Work that must follow a commit (the audit trail's head
// recorded outside the database, a change notice) is queued with afterCommit.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, sql, SqliteDialect } from 'kysely';
import type { Db } from './connection';
import { silentChangeFeed, type ChangeFeed } from './engine/changes';
import type { Schema } from './schema';
import { stmt } from './statements';

export type Engine = 'sqlite' | 'postgres';

export interface AppDb {
  readonly engine: Engine;
  /** The query builder for this moment: the open transaction when there is one, otherwise the engine. */
  readonly q: Kysely<Schema>;
  /** Runs `fn` in one transaction (or in the one already open): committed when it resolves, else rolled back. */
  tx<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs `fn` once the transaction open now has committed (at once when none is open); never on rollback. */
  afterCommit(fn: () => void | Promise<void>): void;
  readonly inTransaction: boolean;
  /** SQLite only: the connection itself, for what only SQLite has (backups, key changes, pragmas). */
  readonly sqlite: Db | null;
  /**
   * SQLite only: runs `fn` on the connection while no query of the layer can run (VACUUM INTO and a
   * key change need the connection to themselves).
   */
  exclusive<T>(fn: (sqlite: Db) => T | Promise<T>): Promise<T>;
  /** Where the data is, for messages a person reads (a file path, or server and database). */
  readonly where: string;
  readonly isOpen: boolean;
  /** Committed changes to the office's shared lists, made at any desk (engine/changes.ts). */
  readonly changes: ChangeFeed;
  close(): Promise<void>;
}

interface Frame {
  /** The query builder bound to the one connection the transaction runs on. */
  trx: Kysely<Schema>;
  after: Array<() => void | Promise<void>>;
}

function reportAfterCommit(error: unknown): void {
  console.error(
    `VerifyDesk: work after a commit failed (${error instanceof Error ? error.name : typeof error})`,
  );
}

/** The transaction and after-commit plumbing both engines share. */
export function layerOver(
  engine: Engine,
  root: Kysely<Schema>,
  options: {
    sqlite: Db | null;
    where: string;
    changes?: ChangeFeed;
    onClose?: () => Promise<void>;
  },
): AppDb {
  const changes = options.changes ?? silentChangeFeed;
  const frames = new AsyncLocalStorage<Frame>();
  let open = true;
  const runAfter = async (fns: Frame['after']) => {
    for (const fn of fns) {
      try {
        await fn();
      } catch (error) {
        reportAfterCommit(error);
      }
    }
  };
  return {
    engine,
    get q() {
      return frames.getStore()?.trx ?? root;
    },
    async tx(fn) {
      if (frames.getStore()) return fn();
      const after: Frame['after'] = [];
      const result = await root.connection().execute(async (trx) => {
        await sql`BEGIN`.execute(trx);
        let value;
        try {
          value = await frames.run({ trx, after }, fn);
        } catch (error) {
          // The error that stopped the work is the one reported. SQLite may already have rolled back
          // itself (a full disk does), and a server that went away cannot roll back: then there is
          // nothing left to undo, and the failed rollback must not hide the reason.
          if (!options.sqlite || options.sqlite.inTransaction) {
            try {
              await sql`ROLLBACK`.execute(trx);
            } catch {
              // nothing to add to the original error
            }
          }
          throw error;
        }
        await sql`COMMIT`.execute(trx);
        return value;
      });
      await runAfter(after);
      return result;
    },
    afterCommit(fn) {
      const frame = frames.getStore();
      if (frame) frame.after.push(fn);
      else void runAfter([fn]);
    },
    get inTransaction() {
      return frames.getStore() !== undefined;
    },
    sqlite: options.sqlite,
    async exclusive(fn) {
      const raw = options.sqlite;
      if (!raw) throw new Error('This needs the SQLite database; the office database is on a server.');
      // Inside a transaction of the layer the connection is already this code's own.
      if (frames.getStore()) return fn(raw);
      return root.connection().execute(async () => fn(raw));
    },
    where: options.where,
    get isOpen() {
      return open && (options.sqlite ? options.sqlite.open : true);
    },
    changes,
    async close() {
      if (!open) return;
      open = false;
      await changes.close();
      await root.destroy();
      await options.onClose?.();
    },
  };
}

/**
 * The layer over an open SQLite connection (connection.ts has opened, keyed and checked it). Statements
 * are prepared once per connection (statements.ts): preparing costs more than running most of ours.
 */
export function sqliteAppDb(raw: Db): AppDb {
  const database = {
    prepare: (sql: string) => stmt(raw, sql),
    close: () => {
      if (raw.open) raw.close();
    },
  };
  const root = new Kysely<Schema>({
    dialect: new SqliteDialect({
      database: database as unknown as ConstructorParameters<typeof SqliteDialect>[0]['database'],
    }),
  });
  return layerOver('sqlite', root, { sqlite: raw, where: raw.name });
}
