// The office database on a PostgreSQL server, as the data layer (appDb.ts) reaches it: a small pool of
// connections, numbers read as numbers, and a short wait for a server that does not answer, so an
// answer that cannot be saved is reported at once instead of hanging the call screen.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { layerOver, type AppDb } from '../appDb';
import type { Schema } from '../schema';

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
    // A desk's work is a handful of short transactions at a time.
    max: 4,
    idleTimeoutMillis: 30_000,
    // A transaction left open by a desk that lost its network is ended by the server.
    idle_in_transaction_session_timeout: 60_000,
    types: TYPES as pg.CustomTypesConfig,
  } as pg.PoolConfig;
}

export function describeConnection(connection: Pick<PgConnection, 'host' | 'port' | 'database'>): string {
  return `the office database ${connection.database} on ${connection.host}:${connection.port}`;
}

/** Opens the pool (no connection is made until the first query). */
export function openPgAppDb(connection: PgConnection, applicationName = 'VerifyDesk'): AppDb {
  const pool = new pg.Pool(pgPoolConfig(connection, applicationName));
  // An idle connection the server dropped is reported here; the pool replaces it on next use.
  pool.on('error', () => undefined);
  const root = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return layerOver('postgres', root, { sqlite: null, where: describeConnection(connection) });
}
