// The IT person's scripts in ops/postgres, run against the test server as they would be against the
// office's: psql with the script and its variables, as the test server's superuser. Roles made here get
// names of their own per test, and go with the test's database.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { PgConnection } from '../../src/main/db/pg/pgAppDb';
import { testPgAdmin, testPgConnection, testPgServer } from './testEngine';

const run = promisify(execFile);

export const OPS_DIR = path.resolve(__dirname, '../../ops/postgres');

/** libpq's environment for the test server as its superuser (what the IT person's shell would set). */
export function superuserEnv(): NodeJS.ProcessEnv {
  const server = testPgServer();
  return {
    ...process.env,
    PGHOST: server.hostname,
    PGPORT: server.port,
    PGUSER: decodeURIComponent(server.username),
    PGPASSWORD: decodeURIComponent(server.password),
    PGDATABASE: 'postgres',
    PGSSLMODE: 'disable',
  };
}

export interface OfficeRoles {
  database: string;
  owner: PgConnection;
  desk: PgConnection;
}

const unique = (what: string) => `vd_${what}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** ops/postgres/create-roles.sql with fresh names: the roles and the empty database they go with. */
export async function createOfficeRoles(): Promise<OfficeRoles> {
  const names = {
    dbname: unique('office'),
    owner: unique('owner'),
    owner_password: `owner-${Math.random().toString(36).slice(2)}`,
    desk: unique('desk'),
    desk_password: `desk-${Math.random().toString(36).slice(2)}`,
  };
  await run(
    'psql',
    [
      '-X',
      '-q',
      ...Object.entries(names).flatMap(([k, v]) => ['-v', `${k}=${v}`]),
      '-f',
      path.join(OPS_DIR, 'create-roles.sql'),
    ],
    { env: superuserEnv() },
  );
  const as = (user: string, password: string): PgConnection => ({
    ...testPgConnection(names.dbname),
    user,
    password,
  });
  return {
    database: names.dbname,
    owner: as(names.owner, names.owner_password),
    desk: as(names.desk, names.desk_password),
  };
}

/** Drops what createOfficeRoles made (the shared NOLOGIN group stays, as on an office's server). */
export async function dropOfficeRoles(roles: OfficeRoles): Promise<void> {
  const admin = await testPgAdmin();
  await admin.query(`DROP DATABASE IF EXISTS ${roles.database} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${roles.desk.user}`);
  await admin.query(`DROP ROLE IF EXISTS ${roles.owner.user}`);
}

/** One plain connection as `who` (no pool, no VerifyDesk layer): for statements a person might type. */
export async function signedInAs<T>(who: PgConnection, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: who.host,
    port: who.port,
    database: who.database,
    user: who.user,
    password: who.password,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
