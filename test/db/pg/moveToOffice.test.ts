// "Move this computer's data to the office database" on the test server (PostgreSQL only; the db-pg
// project runs this folder): a desk's SQLite file after a realistic day moves into a fresh, empty office
// database and EVERY row of every one of its tables (found from the SQLite file itself, less the code
// catalog) is on the server, value for value; the audit trail verifies there with the same key and the
// server's head record; a new call and a new audit entry after the move get fresh ids and continue the
// chain. All or nothing: a failure planted mid-copy leaves the server with no rows at all, and a
// database that already holds office data is refused and left as it was.
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../src/main/audit/auditLog';
import { createSessionService, type SessionService } from '../../../src/main/auth/sessionService';
import type { AppDb } from '../../../src/main/db/appDb';
import type { Db } from '../../../src/main/db/connection';
import { openAppDatabase } from '../../../src/main/db/openAppDatabase';
import { checkOfficeDatabase, createOfficeDatabase } from '../../../src/main/db/pg/checkOfficeDatabase';
import { moveToOffice, moveToOfficeDatabase } from '../../../src/main/db/pg/moveToOffice';
import { openOfficeDatabase } from '../../../src/main/db/pg/openOfficeDatabase';
import { officeDataHeld } from '../../../src/main/db/pg/officeDataHeld';
import { PAGE_ROWS } from '../../../src/main/db/pg/tableRows';
import { loadSampleDataOnce } from '../../../src/main/services/sampleData';
import { officeDatabaseHandlers } from '../../../src/main/ipc/handlers/officeDatabaseHandlers';
import { openTestOfficeDb } from '../../helpers/appDb';
import { officeSettingsOf, testOfficeSettings } from '../../helpers/testEngine';
import { completedCall, startedCallId } from '../../helpers/callDriver';
import { deskDay } from '../../helpers/deskDay';
import { patientInput } from '../../helpers/policyFixtures';
import { testServices } from '../../helpers/services';
import { TEST_ADMIN } from '../../helpers/testAdmin';
import { createOfficeRoles, dropOfficeRoles } from '../../helpers/pgOps';
import { TEST_AUDIT_KEY, testAuditChain } from '../../helpers/testAudit';
import { daysFromToday, runningClock } from '../../helpers/testClock';
import { TEST_DB_KEY } from '../../helpers/testDbKey';
import { useTempDirs } from '../../helpers/tempDir';
import { testOfficeConnection } from '../../helpers/testOfficeConnection';
import { rows } from '../../helpers/sqlRows';
import { recoveryCodeOf } from '../../../src/main/security/dbKey';

/** The SQLite tables that stay on each desk (the code catalog) or are the search index's own storage. */
const DESK_ONLY = /^(catalog_codes|icd10_codes|licensed_cdt_texts|call_search.*|sqlite_.*)$/;

interface SourceDesk {
  db: AppDb;
  sqlite: Db;
  session: SessionService;
  who: { id: number; displayName: string };
}

/** A desk's SQLite file after a realistic day, with a row in every table of the office's. */
async function populatedDesk(dir: string, now: () => Date): Promise<SourceDesk> {
  const dbPath = path.join(dir, 'desk.sqlite');
  const { db, sqlite } = await openAppDatabase(
    { dbPath, backupDir: path.join(dir, 'backups') },
    now,
    [TEST_DB_KEY],
    testAuditChain(dbPath),
  );
  const session = createSessionService({ db, now, lockAfterMinutes: () => 15 });
  await session.setup({ ...TEST_ADMIN });
  const who = session.current()!;
  const day = await deskDay(db, now, sqlite);
  await loadSampleDataOnce(db, now);
  const s = testServices(db, now, { catalog: sqlite });
  // A second patient with a call left partway, one amended after it was completed, and a hold.
  const second = await s.patients.save(null, { ...patientInput(), firstName: 'Rosa', lastName: 'Quintero' });
  const planId = Number(
    (sqlite.prepare('SELECT plan_id FROM calls WHERE id = ?').get(day.callId) as { plan_id: number }).plan_id,
  );
  const again = await completedCall(s.calls, second.id, planId);
  await s.calls.amend(again.id, 'Reference number', 'The rep spelled it again at the end of the call.');
  await startedCallId(db, now, planId);
  // Tables the day above does not reach, written as their services would (what matters here is that
  // every table of the office's has rows to move).
  const stamp = now().toISOString();
  sqlite
    .prepare(
      'INSERT INTO settings (key, value_json, updated_at) VALUES (\'office\', \'{"name":"Test Dental"}\', ?)',
    )
    .run(stamp);
  sqlite
    .prepare(
      `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship, updated_at)
       VALUES (?, ?, 1, 'XQ-1234 5', 'Rosa Quintero', 'self', ?)`,
    )
    .run(second.id, planId, stamp);
  sqlite
    .prepare(
      "INSERT INTO call_read_backs (answer_id, confirmed_at, confirmed_by) SELECT max(id), ?, 'Desk One' FROM call_answers",
    )
    .run(stamp);
  sqlite.prepare("INSERT INTO office_fees VALUES ('D0330', 15000, ?)").run(stamp);
  sqlite.prepare("INSERT INTO plan_allowed_fees VALUES (?, 'D0330', 9800, ?)").run(planId, stamp);
  sqlite
    .prepare(
      'INSERT INTO estimates (patient_id, created_at, created_by, valid_until, request_json, view_json) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(
      second.id,
      stamp,
      'Test User',
      daysFromToday(30),
      JSON.stringify({ selfPay: false, lines: [{ code: 'D0330', serviceDate: daysFromToday(10) }] }),
      '{}',
    );
  sqlite
    .prepare('INSERT INTO good_faith_estimates (patient_id, issued_at, snapshot_json) VALUES (?, ?, ?)')
    .run(second.id, stamp, '{"total":15000}');
  sqlite
    .prepare('INSERT INTO call_holds (call_id, started_at, ended_at) VALUES (?, ?, ?)')
    .run(day.callId, stamp, stamp);
  sqlite
    .prepare(
      "INSERT INTO todo_marks (item_key, owner, version, updated_at, updated_by) VALUES ('pa:1', 'Desk One', 2, ?, 'Desk One')",
    )
    .run(stamp);
  // A long history: more rows than one page the move reads and checks at a time (PAGE_ROWS).
  const event = sqlite.prepare(
    "INSERT INTO todo_events (item_key, at, by_user, what) VALUES ('pa:1', ?, 'Desk One', ?)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < PAGE_ROWS * 2 + 7; i++) event.run(stamp, i % 2 === 0 ? 'owner' : 'snoozed');
  })();
  sqlite
    .prepare(
      `INSERT INTO eligibility_files (sha256, file_name, payer_name, payer_id, response_date, members_recorded,
         statements, content, imported_at, imported_by) VALUES (?, '271.txt', 'Test Payer', 'TP1', ?, 1, 3, 'ISA*', ?, 'Desk One')`,
    )
    .run('a'.repeat(64), daysFromToday(-1), stamp);
  sqlite.prepare("INSERT INTO merged_rows VALUES ('front-2', 'patient', '7', '2', ?)").run(stamp);
  sqlite
    .prepare(
      `INSERT INTO merged_audit_log VALUES ('front-2', 1, ?, NULL, 'Front Two', 'create', 'patient', 7, '{}', ?, ?, NULL)`,
    )
    .run(stamp, '0'.repeat(64), 'b'.repeat(64));
  await appendAudit(db, { who, action: 'view', entity: 'patient', entityId: second.id }, now());
  return { db, sqlite, session, who };
}

/** The office's tables in the SQLite file, found there (not from the module under test). */
function officeTablesOf(sqlite: Db): string[] {
  return (
    sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  )
    .map((r) => r.name)
    .filter((name) => !DESK_ONLY.test(name));
}

/** A table's rows as lines of values in the SQLite column order, sorted; the same rows on either engine. */
async function rowsOf(db: AppDb, table: string, columns: string[]): Promise<string[]> {
  const rows = (await db.q
    .selectFrom(table as never)
    .select(columns as never[])
    .execute()) as Array<Record<string, unknown>>;
  return rows
    .map((r) => JSON.stringify(columns.map((c) => (typeof r[c] === 'boolean' ? Number(r[c]) : r[c]))))
    .sort();
}

const columnsOf = (sqlite: Db, table: string) =>
  (sqlite.prepare('SELECT name FROM pragma_table_info(?)').all(table) as Array<{ name: string }>).map(
    (c) => c.name,
  );

describe("moving this computer's data to the office database", () => {
  const tempDir = useTempDirs();

  it('finds every row of every table on the server, the trail verifying there, and new rows carry on', async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    const tables = officeTablesOf(source.sqlite);
    // Every table of the office's has rows, or comparing it would prove nothing.
    const empty = tables.filter(
      (t) => (source.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n === 0,
    );
    expect(empty).toEqual([]);
    const { db: office } = await openTestOfficeDb(now);
    expect(await officeDataHeld(office)).toEqual([]);

    const moved = await moveToOffice(source.db, office, { now, computer: 'Front desk 1', who: source.who });

    for (const table of tables) {
      const columns = columnsOf(source.sqlite, table);
      const here = await rowsOf(source.db, table, columns);
      const there = await rowsOf(office, table, columns);
      if (table === 'audit_log') {
        // The copied entries, and after them the move's own entry.
        expect(there).toHaveLength(here.length + 1);
        expect(there.filter((r) => here.includes(r))).toEqual(here);
      } else {
        // The code catalog's seed version stays on the desk with the catalog.
        const expected = table === 'seed_versions' ? here.filter((r) => !r.startsWith('["catalog"')) : here;
        expect({ table, rows: there }).toEqual({ table, rows: expected });
      }
    }
    const sourceAudit = source.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    expect(moved.counts.audit_log).toBe(sourceAudit.n);
    const sourceCalls = Number(source.sqlite.prepare('SELECT count(*) FROM calls').pluck().get());
    expect(sourceCalls).toBe(3);
    expect(moved.counts.calls).toBe(sourceCalls);
    expect(moved.message).toMatch(/^Moved this computer's data to the office database .*: 1 user, /);

    // The server's trail: the copied entries verbatim plus one entry saying what moved, from where.
    const check = await verifyAuditChain(office);
    expect(check).toMatchObject({ ok: true, checked: sourceAudit.n + 1, problem: null });
    const last = await office.q
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ id: sourceAudit.n + 1, action: 'import', entity: 'office_database' });
    expect(JSON.parse(last.detail_json)).toMatchObject({
      from: 'Front desk 1',
      counts: { users: 1, calls: sourceCalls },
    });
    expect(await office.q.selectFrom('audit_head').select(['id', 'hash']).executeTakeFirst()).toEqual({
      id: last.id,
      hash: last.hash,
    });

    // After the move: a new patient and call get fresh ids (the sequences continue past the copied
    // ones), and the next audit entries extend the same chain.
    const desk = testServices(office, now, { catalog: source.sqlite });
    const maxPatient = Number(source.sqlite.prepare('SELECT max(id) AS n FROM patients').pluck().get());
    const maxCall = Number(source.sqlite.prepare('SELECT max(id) AS n FROM calls').pluck().get());
    const planId = Number(source.sqlite.prepare('SELECT max(plan_id) FROM calls').pluck().get());
    const patient = await desk.patients.save(null, {
      ...patientInput(),
      firstName: 'Ana',
      lastName: 'Nuevo',
    });
    expect(patient.id).toBe(maxPatient + 1);
    const call = await completedCall(desk.calls, patient.id, planId);
    expect(call.id).toBe(maxCall + 1);
    const entry = await appendAudit(
      office,
      { who: source.who, action: 'view', entity: 'call', entityId: call.id },
      now(),
    );
    expect(entry.id).toBeGreaterThan(last.id);
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true, problem: null });
  });

  it("moves through Settings' handler: the answer in words, this computer's own record, then the switch", async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    const { db: office, name } = await openTestOfficeDb(now);
    const settings = testOfficeSettings(name);
    const choice = testOfficeConnection(tempDir());
    const handlers = officeDatabaseHandlers({
      db: source.db,
      session: source.session,
      now,
      connection: choice,
      restart: () => undefined,
      workstation: 'Front desk 1',
      ownAuditKey: () => TEST_AUDIT_KEY,
    });
    const before = await handlers['officedb:check'](settings);
    expect(before).toMatchObject({ outcome: 'ready', holdsOfficeData: false });
    expect(before.message).toContain("It holds no office data yet: this computer's data can be moved there.");

    const moved = await handlers['officedb:move'](settings);
    expect(moved.message).toMatch(
      new RegExp(
        `^Moved this computer's data to the office database ${name} on 127\\.0\\.0\\.1:\\d+: 1 user, 3 patients, 4 payers, 4 plans, 3 calls, `,
      ),
    );
    expect(moved.computer).toBe('Front desk 1');
    // The switch: chosen for the next start, the office key being this computer's audit key (the moved
    // trail is signed with it), shown for the next computer that joins.
    expect(await choice.read()).toMatchObject({ settings, officeKey: { id: TEST_AUDIT_KEY.id } });
    expect(moved.officeKey).toBe(recoveryCodeOf(TEST_AUDIT_KEY.key));
    expect(await handlers['officedb:check'](settings)).toMatchObject({
      outcome: 'ready',
      holdsOfficeData: true,
    });
    // This computer's own trail records the move (which server, the counts), never the password.
    const own = source.sqlite
      .prepare(
        "SELECT action, detail_json FROM audit_log WHERE entity = 'office_database' AND action = 'export'",
      )
      .all() as Array<{ action: string; detail_json: string }>;
    expect(own).toHaveLength(1);
    expect(JSON.parse(own[0]!.detail_json)).toMatchObject({
      channel: 'officedb:move',
      database: name,
      outcome: 'moved',
      counts: moved.counts,
    });
    expect(JSON.stringify(source.sqlite.prepare('SELECT * FROM audit_log').all())).not.toContain(
      settings.password,
    );
    expect(await verifyAuditChain(source.db)).toMatchObject({ ok: true });
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true });

    // Moving again into the database that now holds the data is refused, and the switch is not called.
    await expect(handlers['officedb:move'](settings)).rejects.toThrow(
      /^Nothing was moved: .* already holds office data/,
    );
    expect(
      (await rows(source.db, 'SELECT id FROM audit_log WHERE detail_json LIKE \'%"officedb:use"%\'')).length,
    ).toBe(1);
  });

  it("is the owner's to do: a desk role is refused with nothing left, the owner moves, then a desk works on the moved data", async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    const roles = await createOfficeRoles();
    onTestFinished(() => dropOfficeRoles(roles));
    const as = officeSettingsOf;
    expect((await createOfficeDatabase(as(roles.owner), now)).outcome).toBe('ready');
    const options = { now, computer: 'Front desk 1', who: source.who };

    await expect(moveToOfficeDatabase(source.db, as(roles.desk), options)).rejects.toThrow(
      `Nothing was moved: the server lets ${roles.desk.user} write rows but not set where new ids continue. Move with the owner's user, the one that created the database.`,
    );
    expect(await checkOfficeDatabase(as(roles.owner))).toMatchObject({
      outcome: 'ready',
      holdsOfficeData: false,
    });

    await moveToOfficeDatabase(source.db, as(roles.owner), options);
    const { db: desk } = await openOfficeDatabase(roles.desk, now, TEST_AUDIT_KEY, {
      applicationName: 'Front desk',
    });
    onTestFinished(() => desk.close());
    const s = testServices(desk, now, { catalog: source.sqlite });
    const patient = await s.patients.save(null, { ...patientInput(), firstName: 'Ana', lastName: 'Nuevo' });
    const maxPatient = Number(source.sqlite.prepare('SELECT max(id) FROM patients').pluck().get());
    expect(patient.id).toBe(maxPatient + 1);
    expect(await verifyAuditChain(desk)).toMatchObject({ ok: true });
  });

  it('leaves the server with no rows at all when a step fails partway', async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    const { db: office } = await openTestOfficeDb(now);
    const copied: string[] = [];
    await expect(
      moveToOffice(source.db, office, {
        now,
        computer: 'Front desk 1',
        who: source.who,
        afterTable: (table) => {
          copied.push(table);
          if (table === 'observations') throw new Error('planted failure after the ledger was copied');
        },
      }),
    ).rejects.toThrow('planted failure');
    expect(copied).toContain('calls');
    expect(await officeDataHeld(office)).toEqual([]);
    // And the same database takes the move afterwards, whole.
    await moveToOffice(source.db, office, { now, computer: 'Front desk 1', who: source.who });
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true });
  });

  it('rolls back and names the table when the copy on the server does not match', async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    const { db: office } = await openTestOfficeDb(now);
    await expect(
      moveToOffice(source.db, office, {
        now,
        computer: 'Front desk 1',
        who: source.who,
        // Something else writes a row on the server inside the copy (as a bug in the copy would).
        afterTable: async (table) => {
          if (table === 'call_holds')
            await office.q
              .insertInto('call_holds')
              .values({ id: 9999, call_id: 1, started_at: now().toISOString(), ended_at: null })
              .execute();
        },
      }),
    ).rejects.toThrow(
      "Nothing was moved: the copy on the server did not match this computer's data (call_holds: 1 on this computer, 2 on the server). The office database was left as it was.",
    );
    expect(await officeDataHeld(office)).toEqual([]);
  });

  it('refuses to move a trail that does not check out on this computer, and writes nothing', async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    // Someone with the database key rewrote an entry (the trigger dropped first, as an attacker would).
    source.sqlite.exec('DROP TRIGGER audit_log_no_update');
    source.sqlite.prepare(`UPDATE audit_log SET detail_json = '{"rewritten":true}' WHERE id = 2`).run();
    const { db: office } = await openTestOfficeDb(now);
    await expect(
      moveToOffice(source.db, office, { now, computer: 'Front desk 1', who: source.who }),
    ).rejects.toThrow(
      "Nothing was moved: this computer's audit trail does not check out. Entry 2 was changed after it was written, or signed: it was added or rewritten outside VerifyDesk. Check it in Settings, Audit trail, first.",
    );
    expect(await officeDataHeld(office)).toEqual([]);
  });

  it('refuses an office database that already holds office data, and changes nothing there', async () => {
    const { now } = runningClock();
    const source = await populatedDesk(tempDir(), now);
    const { db: office } = await openTestOfficeDb(now);
    await appendAudit(
      office,
      { who: null, otherwise: 'Another desk', action: 'view', entity: 'settings' },
      now(),
    );
    const before = await officeDataHeld(office);
    expect(before).toEqual([
      { table: 'audit_head', count: 1 },
      { table: 'audit_log', count: 1 },
    ]);
    await expect(
      moveToOffice(source.db, office, { now, computer: 'Front desk 1', who: source.who }),
    ).rejects.toThrow(
      /^Nothing was moved: the office database .* already holds office data \(1 row of audit head, 1 audit entry\)/,
    );
    expect(await officeDataHeld(office)).toEqual(before);
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true, checked: 1 });
  });
});
