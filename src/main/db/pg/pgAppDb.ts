// The office database on a PostgreSQL server, as the data layer (appDb.ts) reaches it: a small pool of
// connections, numbers read as numbers, and a short wait for a server that does not answer, so an
// answer that cannot be saved is reported at once instead of hanging the call screen.
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { AppError } from '../../../shared/ipc/result';
import { layerOver, type AppDb } from '../appDb';
import type { Schema } from '../schema';
import { connectionProblem } from './connectionProblem';
import { pgChangeFeed } from './pgChangeFeed';

export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user: string;
  password?: string;
  /** TLS: null only for a server on this computer (tests); otherwise the server's certificate is checked. */
  ssl: pg.ClientConfig['ssl'] | null;
  /** Seconds to wait for a connection before saying the server cannot be reached. */
  connectTimeoutSeconds?: number;
  /** Seconds to wait for a query's reply before saying the server cannot be reached. */
  queryTimeoutSeconds?: number;
}

/** count(*) is a bigint and sums are numeric: both fit a JavaScript number for this data. */
const TYPES = {
  getTypeParser(oid: number, format?: unknown) {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC)
      return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function pgPoolConfig(connection: PgConnection, applicationName: string): pg.PoolConfig {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password,
    ssl: connection.ssl ?? false,
    application_name: applicationName,
    connectionTimeoutMillis: (connection.connectTimeoutSeconds ?? 5) * 1000,
    // A network that goes silent (a cable out, a VPN down) sends no reset: without these a query would
    // wait for TCP to give up, many minutes with the call screen frozen. Every query of the app is short.
    query_timeout: (connection.queryTimeoutSeconds ?? 15) * 1000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // A desk's work is a handful of short transactions at a time.
    max: 4,
    idleTimeoutMillis: 30_000,
    // A transaction left open by a desk that lost its network is ended by the server.
    idle_in_transaction_session_timeout: 60_000,
    types: TYPES as pg.CustomTypesConfig,
  } as pg.PoolConfig;
}

/** PostgreSQL's "insufficient_privilege": the user may not do that (a desk's user changing tables). */
export const INSUFFICIENT_PRIVILEGE = '42501';

export function describeConnection(connection: Pick<PgConnection, 'host' | 'port' | 'database'>): string {
  return `the office database ${connection.database} on ${connection.host}:${connection.port}`;
}

/**
 * What a desk is told when the server cannot be reached, whatever it was doing: the action's transaction
 * never committed (or never began), so nothing of it is on file.
 */
export function unreachableMessage(connection: Pick<PgConnection, 'host' | 'port' | 'database'>): string {
  return `VerifyDesk cannot reach ${describeConnection(connection)}, so what you just entered was not saved. Everything saved before is safe on the server. Try again in a minute; if the server stays out of reach, tell your IT person.`;
}

/**
 * Told when the connection is lost while the server was committing: the commit may have landed or not,
 * and only the server knows. The call screen (and every other) reads from the server when it is back.
 */
export function inDoubtMessage(connection: Pick<PgConnection, 'host' | 'port' | 'database'>): string {
  return `VerifyDesk lost ${describeConnection(connection)} while saving, so it cannot tell whether what you just entered was saved. When the server is back, open it again and look before entering it again. Everything saved before is safe on the server.`;
}

/**
 * The pool as the query layer sees it, with the one mapping of a lost server: a connection that cannot be
 * made, or one lost under a query (refused, reset, the server shut down or crashed, the socket closed),
 * becomes AppError 'unavailable' with the driver's error as its cause (lost under COMMIT: in doubt, and
 * said so). A connection lost under a query, or while checked out, is
 * destroyed when released, never handed out again, so the first action after the server returns gets a
 * fresh one.
 */
export function poolThatReportsOutages(
  pool: Pick<pg.Pool, 'connect' | 'end'>,
  connection: PgConnection,
): PostgresPool {
  const lostServer = (error: unknown) =>
    !(error instanceof AppError) && connectionProblem(error, connection).outcome === 'unreachable';
  const unavailable = (error: unknown, committing: boolean) =>
    new AppError(
      'unavailable',
      committing ? inDoubtMessage(connection) : unreachableMessage(connection),
      undefined,
      error,
    );
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw lostServer(error) ? unavailable(error, false) : error;
      }
      let lost: Error | undefined;
      // The pool listens for errors only on idle connections: one lost while checked out (the server
      // shut down between two queries of a transaction) is noted here, instead of crashing the process.
      const onError = (error: Error) => void (lost ??= error);
      client.on('error', onError);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      return {
        query(...args: unknown[]) {
          const result = query(...args);
          // A cursor (streaming) is returned as it is; a query is a promise.
          if (!(result instanceof Promise)) return result;
          return result.catch((error: unknown) => {
            if (!lostServer(error)) throw error;
            lost = error instanceof Error ? error : new Error(String(error));
            throw unavailable(error, typeof args[0] === 'string' && /^\s*COMMIT\b/i.test(args[0]));
          });
        },
        release: () => {
          client.off('error', onError);
          client.release(lost);
        },
      } as PostgresPoolClient;
    },
    end: () => pool.end(),
  };
}

/** Opens the pool (no connection is made until the first query). */
export function openPgAppDb(connection: PgConnection, applicationName = 'VerifyDesk'): AppDb {
  const pool = new pg.Pool(pgPoolConfig(connection, applicationName));
  // An idle connection the server dropped is reported here; the pool removes it and connects afresh.
  pool.on('error', () => undefined);
  const root = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: poolThatReportsOutages(pool, connection) }),
  });
  return layerOver('postgres', root, {
    sqlite: null,
    where: describeConnection(connection),
    // Its own connection, made only when something listens (the app's window does, tests seldom).
    changes: pgChangeFeed(connection, `${applicationName} changes`),
  });
}
