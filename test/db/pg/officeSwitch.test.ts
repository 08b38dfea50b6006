// The journey of a practice moving its desks onto the office database, through the real bootstrap (a
// faithful fake of Electron, test/helpers/fakeElectron.ts) and the real IPC channels: an administrator
// chooses the database in Settings, the computer restarts onto it, a second computer joins with the
// office key and sees what the first entered; a server that cannot be reached at start is said so,
// with Try again, and never replaced by the computer's own data.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { bootstrap, type BootstrapOptions } from '../../../src/main/bootstrap';
import { OFFICE_CONNECTION_FILE } from '../../../src/main/db/pg/officeConnectionFile';
import { closedPort } from '../../helpers/closedPort';
import { createFakeElectron, type FakeElectron } from '../../helpers/fakeElectron';
import { TEST_ADMIN } from '../../helpers/testAdmin';
import {
  createTestPgDatabase,
  dropTestPgDatabase,
  testOfficeSettings,
  testPgServer,
} from '../../helpers/testEngine';

const made: string[] = [];
const running: FakeElectron[] = [];
const databases: string[] = [];
afterEach(async () => {
  for (const fake of running.splice(0)) fake.electron.app.emit('will-quit');
  // The pools close on will-quit; give them a moment before the database is dropped.
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const name of databases.splice(0)) await dropTestPgDatabase(name);
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

type Answer = { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } };

/** Starts VerifyDesk on the computer whose profile is `userData` (as a packaged app: data in the profile). */
function start(userData: string, answers: number[] = []) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'verifydesk-out-'));
  made.push(outDir);
  const fake = createFakeElectron({ isPackaged: true, userData });
  fake.messageBoxAnswers.push(...answers);
  running.push(fake);
  bootstrap({ electron: fake.electron as unknown as BootstrapOptions['electron'], outDir, env: {} });
  fake.ready();
  const send = async (channel: string, input: unknown = {}) => {
    const main = fake.mainWindow()!;
    return (await fake.invoke(channel, input, {
      contents: main.webContents,
      frame: main.webContents.mainFrame,
    })) as Answer;
  };
  const window = () =>
    vi.waitFor(
      () => {
        if (!fake.mainWindow())
          throw new Error(`no window yet; error boxes: ${JSON.stringify(fake.errorBoxes)}`);
      },
      { timeout: 20_000 },
    );
  const quit = () => {
    fake.electron.app.emit('will-quit');
    running.splice(running.indexOf(fake), 1);
  };
  return { fake, send, window, quit };
}

function computer(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-desk-'));
  made.push(dir);
  return dir;
}

async function officeDatabase() {
  const name = await createTestPgDatabase(inject('pgTemplate'));
  databases.push(name);
  return { name, settings: testOfficeSettings(name) };
}

const patient = (firstName: string, lastName: string) => ({
  id: null,
  patient: { firstName, lastName, dob: '1980-01-05', preferredLanguage: 'en', phone: null },
});

async function onServer<T>(database: string, query: string): Promise<T[]> {
  const server = testPgServer();
  const client = new pg.Client({ connectionString: server.href.replace(/\/[^/]*$/, `/${database}`) });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('choosing the office database in Settings', () => {
  it('the first computer restarts onto it; a second joins with the office key and sees what the first entered', async () => {
    const office = await officeDatabase();

    // Desk 1, on its own data: an administrator and a patient entered before the office database.
    const desk1 = computer();
    let app = start(desk1);
    await app.window();
    expect(await app.send('session:setup', { ...TEST_ADMIN })).toMatchObject({ ok: true });
    expect(await app.send('patients:save', patient('Ann', 'Ownfile'))).toMatchObject({ ok: true });
    expect(await app.send('officedb:status')).toEqual({
      ok: true,
      value: { running: 'own', openNow: 'this computer’s own data', restartNeeded: false, saved: null },
    });

    // Settings, Office database: checked, then chosen. The answer carries the office key for other desks.
    expect(await app.send('officedb:check', office.settings)).toMatchObject({
      ok: true,
      value: { outcome: 'ready' },
    });
    const used = await app.send('officedb:use', { settings: office.settings, officeKey: '' });
    expect(used).toMatchObject({
      ok: true,
      value: { message: expect.stringContaining('From its next start') },
    });
    const officeKey = (used.value as { officeKey: string }).officeKey;
    expect(officeKey).toMatch(/^([0-9A-Z]{5}-){11}[0-9A-Z]$/);
    expect(await app.send('officedb:status')).toMatchObject({
      ok: true,
      value: {
        running: 'own',
        restartNeeded: true,
        saved: { database: office.name, user: office.settings.user, requireTls: false },
      },
    });
    // The password and the office key are kept only wrapped by the OS's protected storage.
    const kept = readFileSync(path.join(desk1, OFFICE_CONNECTION_FILE), 'utf8');
    expect(kept).not.toContain(office.settings.password);
    expect(kept.replace(/-/g, '')).not.toContain(officeKey.replace(/-/g, ''));
    expect(await app.send('officedb:restart')).toEqual({ ok: true, value: { restarting: true } });
    expect(app.fake.electron.app.relaunchCalls).toBe(1);
    app.quit();

    // Desk 1 again, now on the office database: its users are the office's (none yet), so first-start
    // setup; the patient entered on its own data is not there; a new one lands on the server.
    app = start(desk1);
    await app.window();
    expect(await app.send('session:status')).toMatchObject({ ok: true, value: { state: 'setup' } });
    expect(await app.send('session:setup', { ...TEST_ADMIN })).toMatchObject({ ok: true });
    expect(await app.send('officedb:status')).toMatchObject({
      ok: true,
      value: { running: 'office', restartNeeded: false },
    });
    expect(await app.send('patients:search', { query: 'Ownfile' })).toEqual({ ok: true, value: [] });
    // About this installation names the office database, not the desk's own file.
    expect(await app.send('app:info')).toMatchObject({
      ok: true,
      value: { dbPath: `the office database ${office.name} on 127.0.0.1:${office.settings.port}` },
    });
    expect(await app.send('patients:save', patient('Bea', 'Officefile'))).toMatchObject({ ok: true });
    expect(
      await onServer(office.name, "SELECT first_name FROM patients WHERE last_name = 'Officefile'"),
    ).toEqual([{ first_name: 'Bea' }]);

    // Desk 2, a computer of its own, joins: the office key is required once the trail has entries, and
    // must be this office's.
    const desk2 = computer();
    const other = start(desk2);
    await other.window();
    expect(await other.send('session:setup', { ...TEST_ADMIN, username: 'desk2admin' })).toMatchObject({
      ok: true,
    });
    expect(await other.send('officedb:use', { settings: office.settings, officeKey: '' })).toMatchObject({
      ok: false,
      error: {
        code: 'validation',
        field: 'officeKey',
        message: expect.stringContaining('type its office key'),
      },
    });
    const wrongKey = 'ABCDE-'.repeat(11) + 'F';
    const mistyped = await other.send('officedb:use', { settings: office.settings, officeKey: wrongKey });
    expect(mistyped).toMatchObject({ ok: false, error: { code: 'validation', field: 'officeKey' } });
    expect(await other.send('officedb:status')).toMatchObject({ ok: true, value: { saved: null } });
    expect(await other.send('officedb:use', { settings: office.settings, officeKey })).toMatchObject({
      ok: true,
    });
    other.quit();

    const desk2Again = start(desk2);
    await desk2Again.window();
    // The office's administrator signs in here: users are the office's, not this computer's.
    expect(
      await desk2Again.send('session:signIn', { username: 'desk2admin', password: TEST_ADMIN.password }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      await desk2Again.send('session:signIn', {
        username: TEST_ADMIN.username,
        password: TEST_ADMIN.password,
      }),
    ).toMatchObject({ ok: true, value: { state: 'open' } });
    expect(await desk2Again.send('patients:search', { query: 'Officefile' })).toMatchObject({
      ok: true,
      value: [expect.objectContaining({ firstName: 'Bea', lastName: 'Officefile' })],
    });
    // Both desks on the office database: what desk 1 enters reaches desk 2's window as a change to reload
    // (its lists follow the other desks without polling).
    const pushed = () =>
      desk2Again.fake.mainWindow()!.webContents.sent.filter(([c]) => c === 'office:changed');
    expect(pushed()).toEqual([]);
    expect(await app.send('patients:save', patient('Cy', 'Officefile'))).toMatchObject({ ok: true });
    await vi.waitFor(
      () =>
        expect(pushed()).toContainEqual(['office:changed', { topics: expect.arrayContaining(['reverify']) }]),
      { timeout: 5_000 },
    );

    // One trail on the server, signed with the office key by both desks, and it checks out.
    expect(await desk2Again.send('audit:verify')).toMatchObject({ ok: true, value: { ok: true } });

    // Back to its own data: chosen in Settings, effective at the next start; the office keeps its rows.
    expect(await desk2Again.send('officedb:leave')).toMatchObject({ ok: true });
    desk2Again.quit();
    const desk2Own = start(desk2);
    await desk2Own.window();
    expect(
      await desk2Own.send('session:signIn', { username: 'desk2admin', password: TEST_ADMIN.password }),
    ).toMatchObject({
      ok: true,
    });
    expect(await desk2Own.send('patients:search', { query: 'Officefile' })).toEqual({ ok: true, value: [] });
  });

  it('a server that cannot be reached at start: the person is told, may try again or quit, and the own data never stands in', async () => {
    const office = await officeDatabase();
    const desk = computer();
    const app = start(desk);
    await app.window();
    expect(await app.send('session:setup', { ...TEST_ADMIN })).toMatchObject({ ok: true });
    expect(await app.send('officedb:use', { settings: office.settings, officeKey: '' })).toMatchObject({
      ok: true,
    });
    app.quit();

    // The server moved (its port now answers nothing): the saved details point at nothing.
    const file = path.join(desk, OFFICE_CONNECTION_FILE);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.server.port = await closedPort();
    writeFileSync(file, JSON.stringify(saved));

    const down = start(desk, [0 /* Try again */, 1 /* Quit */]);
    await vi.waitFor(() => expect(down.fake.electron.app.quitCalls).toBeGreaterThan(0), { timeout: 30_000 });
    expect(down.fake.messageBoxes).toHaveLength(2);
    expect(down.fake.messageBoxes[0]).toMatchObject({
      title: 'VerifyDesk cannot open the office database',
      buttons: ['Try again', 'Quit'],
      detail: expect.stringContaining(`127.0.0.1:${saved.server.port}`),
    });
    expect(down.fake.mainWindow()).toBeNull();
  });
});
