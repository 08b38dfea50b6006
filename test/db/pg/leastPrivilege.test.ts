// The office database set up as the README tells the IT person (PostgreSQL only; the db-pg project runs
// this folder): ops/postgres/create-roles.sql makes an owner, a desk sign-in and the database; the owner
// runs "Create the VerifyDesk database"; then a desk signed in with the desk role does a real day's work
// through the services, and cannot remove or rewrite the audit trail or switch off its guards, because it
// owns nothing. The control runs the same statements as the owner: all but one get past the rights check
// (they run, or the trail's own triggers stop them), so the refusals come from the desk's rights.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { verifyAuditChain } from '../../../src/main/audit/auditLog';
import { createOfficeDatabase } from '../../../src/main/db/pg/checkOfficeDatabase';
import { openOfficeDatabase } from '../../../src/main/db/pg/openOfficeDatabase';
import { loadSampleDataOnce, removeSampleData } from '../../../src/main/services/sampleData';
import type { PgConnection } from '../../../src/main/db/pg/pgAppDb';
import { openTestAppDb } from '../../helpers/appDb';
import { deskDay } from '../../helpers/deskDay';
import { createOfficeRoles, dropOfficeRoles, signedInAs, type OfficeRoles } from '../../helpers/pgOps';
import { TEST_AUDIT_KEY } from '../../helpers/testAudit';
import { fixedClock } from '../../helpers/testClock';
import { officeSettingsOf, testPgAdmin } from '../../helpers/testEngine';
import { useTempDirs } from '../../helpers/tempDir';

const now = fixedClock();

/** PostgreSQL's "permission denied" (insufficient_privilege); "must be owner of table" is the same code. */
const PERMISSION_DENIED = '42501';

/** What someone at a desk could type to make the trail say something else, or stop guarding it. */
const TAMPERING = [
  'DELETE FROM audit_log',
  'TRUNCATE audit_log',
  "UPDATE audit_log SET user_name = 'someone else'",
  'ALTER TABLE audit_log DISABLE TRIGGER ALL',
  'ALTER TABLE audit_log DISABLE TRIGGER USER',
  'DROP TRIGGER audit_log_no_delete ON audit_log',
  'DELETE FROM audit_head',
  'TRUNCATE observations',
  'DELETE FROM prior_auth_events',
  'UPDATE verifydesk_schema SET version = version + 1',
  'CREATE TABLE desk_notes (note text)',
];

/** Each statement in its own transaction, rolled back: the error code it met, or 'ran' when it ran. */
async function outcomes(who: PgConnection): Promise<Record<string, string>> {
  return signedInAs(who, async (client) => {
    const found: Record<string, string> = {};
    for (const statement of TAMPERING) {
      await client.query('BEGIN');
      try {
        await client.query(statement);
        found[statement] = 'ran';
      } catch (error) {
        found[statement] = (error as { code?: string }).code ?? 'unknown';
      } finally {
        await client.query('ROLLBACK');
      }
    }
    return found;
  });
}

describe('the least-privileged desk role', () => {
  const tempDir = useTempDirs();
  let roles: OfficeRoles | null = null;
  afterEach(async () => {
    if (roles) await dropOfficeRoles(roles);
    roles = null;
  });

  /** The roles and database from the script, and the tables made by the owner with "Create". */
  async function officeSetUp(): Promise<OfficeRoles> {
    roles = await createOfficeRoles();
    const { owner } = roles;
    const created = await createOfficeDatabase(officeSettingsOf(owner), now);
    expect(created.outcome).toBe('ready');
    return roles;
  }

  /** The desk signed in with the desk role, as a VerifyDesk computer opens the office database. */
  async function openAtDesk(desk: PgConnection) {
    // This desk's own file holds its code catalog, whichever engine holds the office's data.
    const { catalog } = await openTestAppDb(tempDir, now);
    const { db } = await openOfficeDatabase(desk, now, TEST_AUDIT_KEY, { applicationName: 'Front desk' });
    return { db, catalog };
  }

  /** Set up, then a day's work at the desk, so the trail and the histories have rows to protect. */
  async function officeAfterADay(): Promise<OfficeRoles> {
    const set = await officeSetUp();
    const { db, catalog } = await openAtDesk(set.desk);
    try {
      await deskDay(db, now, catalog);
    } finally {
      await db.close();
    }
    return set;
  }

  it('does a real day at the desk: a call answered and completed, a PA item moved on (and heard as changes), the audit trail appended, the sample data removed', async () => {
    const { desk } = await officeSetUp();
    const { db, catalog } = await openAtDesk(desk);
    try {
      // The desk role listens for the other desks' changes too (LISTEN and the triggers' pg_notify need
      // no grant): what this day changes is heard.
      const heard = new Set<string>();
      db.changes.subscribe((n) => void (n.kind === 'changed' && heard.add(n.table)));
      const admin = await testPgAdmin();
      await vi.waitFor(async () => {
        const { rows } = await admin.query<{ query: string }>(
          "SELECT query FROM pg_stat_activity WHERE application_name = 'Front desk changes' AND usename = $1",
          [desk.user],
        );
        expect(rows.map((r) => r.query)).toEqual(['LISTEN verifydesk_changes']);
      });
      const day = await deskDay(db, now, catalog);
      await vi.waitFor(() => expect([...heard]).toEqual(expect.arrayContaining(['calls', 'prior_auths'])));
      expect(day.priorAuth).toMatchObject({ status: 'submitted', method: 'Portal', version: 2 });
      const call = await db.q
        .selectFrom('calls')
        .select('status')
        .where('id', '=', day.callId)
        .executeTakeFirstOrThrow();
      expect(call.status).toBe('completed');
      const statements = await db.q
        .selectFrom('observations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('call_id', '=', day.callId)
        .executeTakeFirstOrThrow();
      expect(Number(statements.n)).toBeGreaterThan(0);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, problem: null });
      // The one place the desks delete rows wholesale: the fictional sample data, its statements too.
      expect(await loadSampleDataOnce(db, now)).toBe(true);
      expect(await removeSampleData(db)).toEqual({ payers: 3, plans: 3 });
    } finally {
      await db.close();
    }
  });

  it('cannot remove, rewrite or unguard the audit trail, nor change the tables', async () => {
    const { desk } = await officeAfterADay();
    const found = await outcomes(desk);
    expect(found).toEqual(Object.fromEntries(TAMPERING.map((s) => [s, PERMISSION_DENIED])));
  });

  it('control: the owner is not refused for want of rights, so the refusals above are the role at work', async () => {
    const { owner } = await officeAfterADay();
    const found = await outcomes(owner);
    // The owner may change its tables (the IT person's role, kept away from the desks): it can switch off
    // or drop the trail's guards. The trail's own triggers still refuse a DELETE, UPDATE or TRUNCATE of
    // its rows (raise_exception). Only switching off the foreign keys' internal triggers too (TRIGGER
    // ALL) takes a superuser.
    expect(found).toEqual({
      'DELETE FROM audit_log': 'P0001',
      'TRUNCATE audit_log': 'P0001',
      "UPDATE audit_log SET user_name = 'someone else'": 'P0001',
      'ALTER TABLE audit_log DISABLE TRIGGER ALL': PERMISSION_DENIED,
      'ALTER TABLE audit_log DISABLE TRIGGER USER': 'ran',
      'DROP TRIGGER audit_log_no_delete ON audit_log': 'ran',
      'DELETE FROM audit_head': 'P0001',
      'TRUNCATE observations': 'P0001',
      'DELETE FROM prior_auth_events': 'P0001',
      'UPDATE verifydesk_schema SET version = version + 1': 'ran',
      'CREATE TABLE desk_notes (note text)': 'ran',
    });
  });

  it('the owner cannot empty an append-only table: TRUNCATE, which fires no row trigger, is refused on each', async () => {
    const { owner } = await officeAfterADay();
    const refused = await signedInAs(owner, async (client) => {
      // Every table with a rule refusing DELETE of a row, read from the server rather than from a list
      // of ours, so a new append-only table without the TRUNCATE guard makes this fail.
      const { rows } = await client.query<{ name: string }>(`
        SELECT DISTINCT c.relname AS name FROM pg_trigger t
          JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND NOT t.tgisinternal
          AND t.tgtype & 1 = 1 AND t.tgtype & 2 = 2 AND t.tgtype & 8 = 8  -- FOR EACH ROW, BEFORE, DELETE
        ORDER BY 1`);
      const found: Record<string, string> = {};
      for (const { name } of rows) {
        await client.query('BEGIN');
        try {
          // CASCADE: a table others point at would otherwise be refused by its foreign keys first.
          await client.query(`TRUNCATE ${name} CASCADE`);
          found[name] = 'ran';
        } catch (error) {
          const e = error as { code?: string; message?: string };
          found[name] = `${e.code}: ${e.message}`;
        } finally {
          await client.query('ROLLBACK');
        }
      }
      // A table that is not append-only may still be emptied by its owner: the guard is not a blanket.
      await client.query('BEGIN');
      await client.query('TRUNCATE merged_rows');
      await client.query('ROLLBACK');
      return found;
    });
    const tables = Object.keys(refused);
    expect(tables).toEqual(
      expect.arrayContaining(['audit_log', 'observations', 'call_answers', 'todo_events']),
    );
    expect(tables.length).toBeGreaterThanOrEqual(12);
    expect(refused).toEqual(
      Object.fromEntries(
        tables.map((t) => [
          t,
          `P0001: ${t} is append-only: its rows are never removed, so it cannot be emptied`,
        ]),
      ),
    );
  });
});
