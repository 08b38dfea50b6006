// Settings, Office database, against the real test server (PostgreSQL only; the db-pg project runs this
// folder): every answer "Test the connection" can give there, and "Create the VerifyDesk database" on an
// empty database only, all or nothing.
import { inject, describe, expect, it } from 'vitest';
import { closedPort } from '../../helpers/closedPort';
import { latestVersion } from '../../../src/main/db/migrate';
import { MIGRATIONS } from '../../../src/main/db/migrations';
import { checkOfficeDatabase, createOfficeDatabase } from '../../../src/main/db/pg/checkOfficeDatabase';
import { PG_MIGRATIONS } from '../../../src/main/db/pg/pgSchema';
import type { OfficeDatabaseSettings } from '../../../src/shared/settings/officeDatabase';
import { fixedClock } from '../../helpers/testClock';
import {
  createTestPgDatabase,
  dropTestPgDatabase,
  testPgAdmin,
  testOfficeSettings,
  testPgServer,
} from '../../helpers/testEngine';
import pg from 'pg';

const now = fixedClock();
const LATEST = latestVersion(MIGRATIONS);

/** The settings an administrator would type for a database on the test server (loopback, so plain). */
function settingsFor(
  database: string,
  overrides: Partial<OfficeDatabaseSettings> = {},
): OfficeDatabaseSettings {
  return { ...testOfficeSettings(database), ...overrides };
}

/** A database with nothing in it (CREATE DATABASE copies the cluster's empty template1). */
async function emptyDatabase(): Promise<string> {
  const name = `vd_empty_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await (await testPgAdmin()).query(`CREATE DATABASE ${name}`);
  return name;
}

/** Runs SQL in one database of the test server as its owner. */
async function inDatabase<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = new URL(testPgServer().href);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.href });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function tableCount(database: string): Promise<number> {
  return inDatabase(database, async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    return Number(rows[0]!.n);
  });
}

async function withDatabase(make: () => Promise<string>, fn: (name: string) => Promise<void>) {
  const name = await make();
  try {
    await fn(name);
  } finally {
    await dropTestPgDatabase(name);
  }
}

const verifyDeskDatabase = () => createTestPgDatabase(inject('pgTemplate'));

describe('Test the connection, against a real server', () => {
  it('a VerifyDesk database at this app’s schema is ready', async () => {
    await withDatabase(verifyDeskDatabase, async (name) => {
      const check = await checkOfficeDatabase(settingsFor(name));
      expect(check).toMatchObject({ outcome: 'ready', schemaVersion: LATEST, appSchemaVersion: LATEST });
      expect(check.message).toContain(`${name} on 127.0.0.1:`);
    });
  });

  it('an empty database is offered for creating; Create makes it ready at this app’s schema', async () => {
    await withDatabase(emptyDatabase, async (name) => {
      expect(await checkOfficeDatabase(settingsFor(name))).toMatchObject({
        outcome: 'empty',
        schemaVersion: null,
      });
      const created = await createOfficeDatabase(settingsFor(name), now);
      expect(created).toMatchObject({ outcome: 'ready', schemaVersion: LATEST });
      expect(created.message).toMatch(/^Created the VerifyDesk database\. Connected\./);
      expect(await checkOfficeDatabase(settingsFor(name))).toMatchObject({
        outcome: 'ready',
        schemaVersion: LATEST,
      });
      // The tables a desk uses are there, with the append-only audit trail.
      expect(await tableCount(name)).toBeGreaterThan(20);
      await inDatabase(name, async (c) => {
        await expect(c.query('SELECT count(*) FROM audit_log')).resolves.toBeTruthy();
      });
    });
  });

  it('Create is all or nothing: a migration that fails leaves the database empty', async () => {
    const migrations = PG_MIGRATIONS as Record<number, string>;
    const original = migrations[LATEST]!;
    await withDatabase(emptyDatabase, async (name) => {
      migrations[LATEST] = 'SELECT * FROM a_table_no_migration_has;';
      try {
        await expect(createOfficeDatabase(settingsFor(name), now)).rejects.toThrow(/^Nothing was created/);
      } finally {
        migrations[LATEST] = original;
      }
      expect(await tableCount(name)).toBe(0);
      expect((await checkOfficeDatabase(settingsFor(name))).outcome).toBe('empty');
    });
  });

  it('Create refuses a VerifyDesk database, and changes nothing', async () => {
    await withDatabase(verifyDeskDatabase, async (name) => {
      const before = await tableCount(name);
      await expect(createOfficeDatabase(settingsFor(name), now)).rejects.toThrow(
        /Nothing was created: VerifyDesk creates its tables only in an empty database/,
      );
      expect(await tableCount(name)).toBe(before);
    });
  });

  it('a database with other tables is not VerifyDesk’s, and Create leaves it untouched', async () => {
    await withDatabase(emptyDatabase, async (name) => {
      await inDatabase(name, (c) => c.query('CREATE TABLE appointments (id integer PRIMARY KEY)'));
      const check = await checkOfficeDatabase(settingsFor(name));
      expect(check.outcome).toBe('not_verifydesk');
      expect(check.message).toContain('not a VerifyDesk database: it holds 1 other table');
      await expect(createOfficeDatabase(settingsFor(name), now)).rejects.toThrow(/Nothing was created/);
      expect(await tableCount(name)).toBe(1);
    });
  });

  it('a schema newer than this app says to update VerifyDesk on this computer; an older one, that it is brought up to date', async () => {
    await withDatabase(verifyDeskDatabase, async (name) => {
      await inDatabase(name, (c) => c.query('UPDATE verifydesk_schema SET version = $1', [LATEST + 1]));
      const newer = await checkOfficeDatabase(settingsFor(name));
      expect(newer).toMatchObject({ outcome: 'newer', schemaVersion: LATEST + 1 });
      expect(newer.message).toContain('Update VerifyDesk on this computer first');
      await inDatabase(name, (c) => c.query('UPDATE verifydesk_schema SET version = $1', [LATEST - 1]));
      const older = await checkOfficeDatabase(settingsFor(name));
      expect(older).toMatchObject({ outcome: 'older', schemaVersion: LATEST - 1 });
      expect(older.message).toContain('brought up to date');
    });
  });

  it('a wrong password is said plainly, without the password', async () => {
    await withDatabase(verifyDeskDatabase, async (name) => {
      const check = await checkOfficeDatabase(settingsFor(name, { password: 'not-the-Password-42' }));
      expect(check.outcome).toBe('credentials');
      expect(check.message).toContain('refused the user name or password');
      expect(JSON.stringify(check)).not.toContain('not-the-Password-42');
    });
  });

  it('a database name the server does not have', async () => {
    const check = await checkOfficeDatabase(settingsFor('vd_no_such_database'));
    expect(check.outcome).toBe('no_database');
    expect(check.message).toContain('has no database named vd_no_such_database');
  });

  it('a closed port on this computer is unreachable, naming the host and port', async () => {
    const port = await closedPort();
    const check = await checkOfficeDatabase(settingsFor('anything', { port }));
    expect(check.outcome).toBe('unreachable');
    expect(check.message).toContain(`No database server answered at 127.0.0.1:${port}`);
  });

  it('with Require TLS on, a server that offers no TLS is refused before anything is sent', async () => {
    await withDatabase(verifyDeskDatabase, async (name) => {
      const check = await checkOfficeDatabase(settingsFor(name, { requireTls: true }));
      expect(check.outcome).toBe('tls');
      expect(check.message).toContain('does not accept TLS');
    });
  });
});
