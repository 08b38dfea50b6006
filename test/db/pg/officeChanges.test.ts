// Lists that follow the other desks (PostgreSQL only; the db-pg project runs this folder): desk One
// changes a PA item and desk Two's one listening connection hears which list changed within a second,
// without asking the server anything; a change that is refused sends nothing; when the listening
// connection is cut (its backend ended, or the whole server restarted) it comes back by itself, says
// that notices may have been missed, and hears the next change; closing the desk ends it.
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AppDb } from '../../../src/main/db/appDb';
import type { ChangeNotice } from '../../../src/main/db/engine/changes';
import { openOfficeDatabase } from '../../../src/main/db/pg/openOfficeDatabase';
import { CHANGE_CHANNEL } from '../../../src/main/db/pg/pgChangeFeed';
import { OFFICE_TOPIC_TABLES, topicsForTable } from '../../../src/shared/ipc/officeChanges';
import { openTestOfficeDb, testDeskCatalog } from '../../helpers/appDb';
import { completedCall } from '../../helpers/callDriver';
import { startOwnPgServer, type OwnPgServer } from '../../helpers/ownPgServer';
import { patientInput, payerInput, planInput } from '../../helpers/policyFixtures';
import { paPatch } from '../../helpers/priorAuthPatch';
import { testServices } from '../../helpers/services';
import { TEST_AUDIT_KEY } from '../../helpers/testAudit';
import { daysFromToday, fixedClock } from '../../helpers/testClock';
import { testPgAdmin, testPgConnection } from '../../helpers/testEngine';

const now = fixedClock();
const unique = (what: string) => `${what} ${process.pid} ${Math.random().toString(36).slice(2, 8)}`;

/** What one desk's listener has heard, and a way to wait for the next notice that matters. */
function ear(db: AppDb) {
  const heard: ChangeNotice[] = [];
  let waiting: { want: (n: ChangeNotice) => boolean; found: (n: ChangeNotice) => void } | null = null;
  const stop = db.changes.subscribe((notice) => {
    heard.push(notice);
    if (waiting?.want(notice)) {
      waiting.found(notice);
      waiting = null;
    }
  });
  return {
    heard,
    stop,
    /** The next notice `want` accepts, heard within `ms` (a timer, not a clock: tests read no clock). */
    next(want: (n: ChangeNotice) => boolean, ms = 1000): Promise<ChangeNotice> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting = null;
          reject(new Error(`nothing matching within ${ms} ms; heard ${JSON.stringify(heard)}`));
        }, ms);
        waiting = {
          want,
          found: (n) => {
            clearTimeout(timer);
            resolve(n);
          },
        };
      });
    },
  };
}

const changed = (table: string) => (n: ChangeNotice) => n.kind === 'changed' && n.table === table;
const resync = (n: ChangeNotice) => n.kind === 'resync';

/** The listening connection's session on the server, as pg_stat_activity shows it (none: null). */
async function listenerSession(admin: pg.Client, applicationName: string) {
  const { rows } = await admin.query<{ pid: number; state: string; query: string }>(
    'SELECT pid, state, query FROM pg_stat_activity WHERE application_name = $1',
    [applicationName],
  );
  return rows[0] ?? null;
}

/** Waits (set-up only) until the listener has said LISTEN, so nothing sent after this is missed. */
async function listening(admin: pg.Client, applicationName: string, previousPid?: number) {
  return vi.waitFor(
    async () => {
      const session = await listenerSession(admin, applicationName);
      expect(session).toMatchObject({ state: 'idle', query: `LISTEN ${CHANGE_CHANNEL}` });
      if (previousPid !== undefined) expect(session!.pid).not.toBe(previousPid);
      return session!;
    },
    { timeout: 10_000, interval: 50 },
  );
}

/** A completed call that leaves a PA item on the worklist, made at desk One. */
async function aPaItem(one: AppDb) {
  const atOne = testServices(one, now, { catalog: await testDeskCatalog(), actor: () => 'Desk One' });
  const plan = await atOne.policies.savePlan(
    null,
    planInput((await atOne.policies.savePayer(null, payerInput())).id),
  );
  const patient = await atOne.patients.save(null, patientInput());
  await completedCall(atOne.calls, patient.id, plan.id);
  const [item] = await atOne.priorAuths.worklist();
  return { atOne, item: item! };
}

describe('lists follow the other desks (LISTEN/NOTIFY)', () => {
  it('desk Two hears a PA change made at desk One within a second, by topic, without polling; a refused change sends nothing', async () => {
    const { db: one, name } = await openTestOfficeDb(now);
    const deskTwo = unique('Desk Two');
    const two = (
      await openOfficeDatabase(testPgConnection(name), now, TEST_AUDIT_KEY, { applicationName: deskTwo })
    ).db;
    // The test process's own superuser session (shared; not ended here).
    const admin = await testPgAdmin();
    try {
      const { atOne, item } = await aPaItem(one);
      const atTwo = testServices(two, now, { catalog: await testDeskCatalog(), actor: () => 'Desk Two' });
      const desk = ear(two);
      const session = await listening(admin, `${deskTwo} changes`);

      const heard = desk.next(changed('prior_auths'));
      await atOne.priorAuths.update(
        item.id,
        paPatch(item, { status: 'submitted', method: 'Portal', submittedOn: daysFromToday(0) }),
        item.version,
      );
      const notice = await heard;
      expect(notice.kind === 'changed' && topicsForTable(notice.table)).toEqual(['priorAuths', 'todos']);
      // The notice names a table, nothing of the patient; the list is read again through the usual path.
      const [seenAtTwo] = await atTwo.priorAuths.worklist();
      expect(seenAtTwo).toMatchObject({ id: item.id, status: 'submitted', method: 'Portal' });
      // Desk Two's listening connection sent nothing after its LISTEN: the notice came to it.
      expect(await listenerSession(admin, `${deskTwo} changes`)).toMatchObject({
        pid: session.pid,
        query: `LISTEN ${CHANGE_CHANNEL}`,
      });

      // An edit from the older copy is refused and rolled back: no notice. The patient saved after it is
      // heard, and notices arrive in commit order, so nothing about prior_auths came between.
      desk.heard.length = 0;
      await expect(
        atOne.priorAuths.update(item.id, paPatch(item, { method: 'Fax' }), item.version),
      ).rejects.toMatchObject({ code: 'conflict' });
      const saved = desk.next(changed('patients'));
      await atOne.patients.save(null, patientInput({ firstName: 'Bea' }));
      await saved;
      expect(desk.heard).toEqual([{ kind: 'changed', table: 'patients' }]);

      // The listening connection is cut (as an idle-session reaper or a network blip would): it comes
      // back by itself, says notices may have been missed, and hears the next change.
      const again = desk.next(resync, 10_000);
      await admin.query('SELECT pg_terminate_backend($1)', [session.pid]);
      await again;
      await listening(admin, `${deskTwo} changes`, session.pid);
      const [current] = await atOne.priorAuths.worklist();
      const heardAgain = desk.next(changed('prior_auths'));
      await atOne.priorAuths.update(
        current!.id,
        paPatch(current!, { contact: 'Fax 555-0100' }),
        current!.version,
      );
      await heardAgain;

      // Closing the desk ends its listening connection.
      await two.close();
      expect(await listenerSession(admin, `${deskTwo} changes`)).toBeNull();
    } finally {
      await two.close();
    }
  });

  it('every table a list follows notifies on the server', async () => {
    const { db } = await openTestOfficeDb(now);
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE p.proname = 'verifydesk_notify_change' AND NOT t.tgisinternal`.execute(db.q);
    const notifying = new Set(rows.map((r) => r.name));
    const followed = [...new Set(Object.values(OFFICE_TOPIC_TABLES).flat())].sort();
    expect(followed.filter((t) => !notifying.has(t))).toEqual([]);
  });
});

describe('after the office database server restarts', () => {
  let server: OwnPgServer;
  beforeAll(async () => {
    server = startOwnPgServer();
    const admin = await server.admin();
    await admin.query('CREATE DATABASE vd_listen');
    await admin.end();
  }, 60_000);
  afterAll(() => server?.remove());

  it('the listener connects again with backoff while the server is down, says so, and hears the next change', async () => {
    const connection = { ...server.connection('vd_listen'), connectTimeoutSeconds: 2 };
    const deskTwo = unique('Desk Two');
    const one = (await openOfficeDatabase(connection, now, TEST_AUDIT_KEY, { create: true })).db;
    const two = (await openOfficeDatabase(connection, now, TEST_AUDIT_KEY, { applicationName: deskTwo })).db;
    // The feed reports each lost attempt (error type only); counted here, kept out of the output.
    const reported = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const desk = ear(two);
      let admin = await server.admin();
      const before = await listening(admin, `${deskTwo} changes`);
      await admin.end();

      server.down();
      // Down long enough for several attempts to fail (0.5 s, then 1 s, then 2 s apart).
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const failedAttempts = reported.mock.calls.filter((c) => String(c[0]).includes('listening')).length;
      expect(failedAttempts).toBeGreaterThanOrEqual(2);
      expect(failedAttempts).toBeLessThanOrEqual(4);
      const back = desk.next(resync, 40_000);
      server.up();
      await back;

      admin = await server.admin();
      await listening(admin, `${deskTwo} changes`, before.pid);
      await admin.end();
      const heard = desk.next(changed('todo_marks'));
      await one.q
        .insertInto('todo_marks')
        .values({
          item_key: 'call:1',
          owner: 'Desk One',
          updated_at: now().toISOString(),
          updated_by: 'Desk One',
        })
        .execute();
      await heard;
    } finally {
      reported.mockRestore();
      await Promise.all([one.close(), two.close()]);
    }
  }, 90_000);
});
