// A PostgreSQL server of a test's own, made by .ci/pgCluster.sh (initdb + pg_ctl in a temp folder, as CI
// makes the shared one), which the test may stop and start again: the shared server must stay up for the
// other files running beside it.
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { PgConnection } from '../../src/main/db/pg/pgAppDb';
import { pgConnectionAt } from './testEngine';

const SCRIPT = path.resolve(__dirname, '../../.ci/pgCluster.sh');

export interface OwnPgServer {
  /** A plain loopback connection to `database` on this server. */
  connection(database: string): PgConnection;
  /** A client on the maintenance database, for making databases (the caller ends it). */
  admin(): Promise<pg.Client>;
  /** Stops the server (fast shutdown: open connections are ended), keeping its data. */
  down(): void;
  /** Starts it again on the same port. */
  up(): void;
  /** Stops it and removes its folder. */
  remove(): void;
}

const run = (command: string, dir: string) =>
  execFileSync('bash', [SCRIPT, command, dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

export function startOwnPgServer(): OwnPgServer {
  // The script makes the folder (and gives it to the postgres user when the tests run as root).
  const dir = path.join(tmpdir(), `verifydesk-pg-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  const url = new URL(run('start', dir).trim());
  const connection = (database: string): PgConnection => pgConnectionAt(url, database);
  return {
    connection,
    async admin() {
      const client = new pg.Client({ ...connection('postgres'), ssl: false });
      // A shutdown ends this connection too; the error is expected then.
      client.on('error', () => undefined);
      await client.connect();
      return client;
    },
    down: () => void run('down', dir),
    up: () => void run('up', dir),
    remove: () => void run('stop', dir),
  };
}
