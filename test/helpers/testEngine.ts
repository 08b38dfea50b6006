// Which engine holds the office's data in this test run: SQLite always; PostgreSQL in the *-pg projects
// (vitest.config.mts), run when VERIFYDESK_TEST_PG names a server (.ci/run starts a throwaway one).
import pg from 'pg';
import type { PgConnection } from '../../src/main/db/pg/pgAppDb';
import type { OfficeDatabaseSettings } from '../../src/shared/settings/officeDatabase';

// What test/setup/pgTemplate.ts provides to the PostgreSQL projects: the migrated template's name. Declared
// here, beside its reader, so every tsconfig that checks the helpers knows it.
declare module 'vitest' {
  export interface ProvidedContext {
    pgTemplate: string;
  }
}

export type TestEngine = 'sqlite' | 'postgres';

export const TEST_ENGINE: TestEngine =
  process.env.VERIFYDESK_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** The test server as given in VERIFYDESK_TEST_PG (postgres://user:password@127.0.0.1:PORT/db). */
export function testPgServer(): URL {
  const url = process.env.VERIFYDESK_TEST_PG;
  if (!url) throw new Error('VERIFYDESK_TEST_PG is not set: the PostgreSQL suites need a server.');
  return new URL(url);
}

/** A connection to one database on the test server: plain, as only a loopback server may be. */
export function testPgConnection(database: string): PgConnection {
  return pgConnectionAt(testPgServer(), database);
}

/** A plain connection to `database` on the server a postgres:// URL names (its user and password). */
export function pgConnectionAt(url: URL, database: string): PgConnection {
  return {
    host: url.hostname,
    port: Number(url.port),
    database,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    ssl: null,
  };
}

/** What an administrator types in Settings, Office database, to reach `connection` (a loopback server). */
export function officeSettingsOf(connection: PgConnection): OfficeDatabaseSettings {
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    password: connection.password ?? '',
    requireTls: false,
    caCertificate: '',
  };
}

/** The same, for `database` on the test server. */
export function testOfficeSettings(database: string): OfficeDatabaseSettings {
  return officeSettingsOf(testPgConnection(database));
}

let admin: Promise<pg.Client> | null = null;

/** One connection per test process to the server's maintenance database, for making and dropping databases. */
export function testPgAdmin(): Promise<pg.Client> {
  admin ??= (async () => {
    const client = new pg.Client({ connectionString: testPgServer().href });
    await client.connect();
    return client;
  })();
  return admin;
}

let counter = 0;

/** A fresh office database copied from the migrated template (a few tens of milliseconds). */
export async function createTestPgDatabase(template: string): Promise<string> {
  const name = `vd_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  const client = await testPgAdmin();
  await client.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  return name;
}

export async function dropTestPgDatabase(name: string): Promise<void> {
  const client = await testPgAdmin();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
