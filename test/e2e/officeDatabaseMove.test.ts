// "Move this computer's data to the office database" in the real renderer, the whole way: an
// administrator tests a fresh, empty database on a PostgreSQL server of this test's own (.ci/pgCluster.sh;
// the app itself still runs on its SQLite file), creates the VerifyDesk database, is offered the move,
// reads the confirmation, moves, and reads what moved; on the server are this computer's users, patients
// and audit trail (and one entry recording the move); testing again says the database holds office data,
// and the move is no longer offered.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOwnPgServer, type OwnPgServer } from '../helpers/ownPgServer';
import { deskDay } from '../helpers/deskDay';
import { rows } from '../helpers/sqlRows';
import { startHarness, type Harness } from './harness';
import { openOfficeDatabaseSettings, typeLoopbackServer } from './officeDatabaseForm';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const MOVE = 'Move this computer’s data to the office database';
const DATABASE = 'verifydesk_office';

describe("Settings, Office database: moving this computer's data", () => {
  let h: Harness;
  let server: OwnPgServer;
  beforeAll(async () => {
    server = startOwnPgServer();
    const admin = await server.admin();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    h = await startHarness();
    // A day's work on this computer: a payer and plan, a patient, a completed call with its ledger
    // statements and PA item.
    await deskDay(h.db, () => h.now(), h.db.sqlite!);
  });
  afterAll(async () => {
    await h?.close();
    server?.remove();
  });

  it('an administrator creates the office database, confirms, moves, and reads what moved', async () => {
    const page = h.page;
    const connection = server.connection(DATABASE);
    await openOfficeDatabaseSettings(page);
    await typeLoopbackServer(page, {
      ...connection,
      host: '127.0.0.1',
      database: DATABASE,
      password: connection.password!,
    });
    await page.getByRole('button', { name: 'Test the connection' }).click();
    await expect.poll(() => page.getByRole('status').getAttribute('data-outcome')).toBe('empty');
    expect(await page.getByRole('button', { name: MOVE }).count()).toBe(0);

    await page.getByRole('button', { name: 'Create the VerifyDesk database' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('It holds no office data yet');
    await page.getByRole('button', { name: MOVE }).click();
    const confirm = page.getByRole('group', { name: 'Move this computer’s data' });
    expect(await confirm.textContent()).toContain(
      `Move this computer’s data to ${DATABASE} on 127.0.0.1:${connection.port}?`,
    );
    expect(await confirm.textContent()).toContain('If anything differs, nothing is kept on the server.');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await h.screenshot(`settings-office-database-move-confirm-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);

    const here = {
      users: await rows<{ id: number; username: string }>(h.db, 'SELECT id, username FROM users ORDER BY id'),
      patients: await rows<{ id: number }>(h.db, 'SELECT id FROM patients ORDER BY id'),
      audit: await rows<{ id: number; hash: string }>(h.db, 'SELECT id, hash FROM audit_log ORDER BY id'),
    };
    expect(here.patients).toHaveLength(1);
    const calls = await rows<{ id: number; status: string }>(
      h.db,
      'SELECT id, status FROM calls ORDER BY id',
    );
    expect(calls).toEqual([{ id: 1, status: 'completed' }]);
    await confirm.getByRole('button', { name: 'Move the data' }).click();
    const result = page.locator('[data-outcome]');
    await expect.poll(() => result.getAttribute('data-outcome')).toBe('moved');
    const said = await result.textContent();
    expect(said).toContain(
      `Moved this computer's data to the office database ${DATABASE} on 127.0.0.1:${connection.port}: ${here.users.length} user`,
    );
    expect(said).toContain(`: ${here.users.length} user, 1 patient, 1 payer, 1 plan, 1 call, 1 PA item, `);
    expect(said).toContain(`${here.audit.length} audit entries`);
    expect(said).toContain(
      'This computer keeps its own copy; from its next start it opens the office database.',
    );
    expect(await result.getByLabel('The office key').textContent()).toMatch(/^([0-9A-Z]{5}-){11}[0-9A-Z]$/);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await h.screenshot(`settings-office-database-moved-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);

    // On the server: the same users, patients and trail, ids and hashes kept, then the move's own entry.
    const client = new pg.Client({ ...connection, ssl: false });
    await client.connect();
    try {
      expect((await client.query('SELECT id, username FROM users ORDER BY id')).rows).toEqual(here.users);
      expect((await client.query('SELECT id FROM patients ORDER BY id')).rows).toEqual(here.patients);
      expect((await client.query('SELECT id, status FROM calls ORDER BY id')).rows).toEqual(calls);
      const trail = (
        await client.query<{ id: number; hash: string; action: string }>(
          'SELECT id, hash, action FROM audit_log ORDER BY id',
        )
      ).rows;
      expect(trail.slice(0, -1).map(({ id, hash }) => ({ id, hash }))).toEqual(here.audit);
      expect(trail.at(-1)).toMatchObject({ id: here.audit.length + 1, action: 'import' });
    } finally {
      await client.end();
    }

    // Tested again: it holds office data now, and the move is no longer offered.
    await page.getByRole('button', { name: 'Test the connection' }).click();
    await expect
      .poll(() => page.locator('[data-outcome]').textContent())
      .toContain('It holds office data already.');
    expect(await page.getByRole('button', { name: MOVE }).count()).toBe(0);
  });
});
