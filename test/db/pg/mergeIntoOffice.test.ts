// "Merge this computer's data into the office database" on the test server (PostgreSQL only): desk A
// moves its data into the office; desk B, with data of its own (one patient the same as A's, member ID
// and all; one that only looks like one of A's; one new; calls and PA items on them), merges. The first
// try is refused naming exactly the doubtful pair and writes nothing; with a decision it merges: the
// office then holds A's rows and B's new ones, B's call for the shared patient belongs to A's patient,
// every row of B is found through merged_rows, B's trail is kept verbatim, the office chain verifies,
// and merging B again adds nothing. A failure planted mid-merge leaves the office exactly as it was.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileHeadAnchor } from '../../../src/main/audit/auditAnchor';
import { auditKeyFrom } from '../../../src/main/audit/auditChain';
import { verifyAuditChain } from '../../../src/main/audit/auditLog';
import { createSessionService, type SessionService } from '../../../src/main/auth/sessionService';
import type { AppDb } from '../../../src/main/db/appDb';
import type { Db } from '../../../src/main/db/connection';
import { openAppDatabase } from '../../../src/main/db/openAppDatabase';
import {
  DoubtfulPatients,
  mergeIntoOffice,
  mergeSourceOf,
  type MergeOptions,
} from '../../../src/main/db/pg/mergeIntoOffice';
import { moveToOffice } from '../../../src/main/db/pg/moveToOffice';
import { pagesOf, TableDigest } from '../../../src/main/db/pg/tableRows';
import { openTestOfficeDb } from '../../helpers/appDb';
import { completedCall } from '../../helpers/callDriver';
import { deskDay } from '../../helpers/deskDay';
import { patientInput, payerInput } from '../../helpers/policyFixtures';
import { testServices } from '../../helpers/services';
import { TEST_ADMIN } from '../../helpers/testAdmin';
import { auditHeadPathOf, TEST_AUDIT_KEY, testAuditChain } from '../../helpers/testAudit';
import { runningClock } from '../../helpers/testClock';
import { TEST_DB_KEY } from '../../helpers/testDbKey';
import { useTempDirs } from '../../helpers/tempDir';
import { testOfficeSettings } from '../../helpers/testEngine';
import { testOfficeConnection } from '../../helpers/testOfficeConnection';
import { officeDatabaseHandlers } from '../../../src/main/ipc/handlers/officeDatabaseHandlers';
import { recoveryCodeOf } from '../../../src/main/security/dbKey';

/** Desk B's own audit key: its trail is signed with it, not with the office's. */
const DESK_B_KEY = auditKeyFrom(Buffer.alloc(32, 0x5b));

interface Desk {
  db: AppDb;
  session: SessionService;
  sqlite: Db;
  who: { id: number; displayName: string };
  /** The patient every desk's day is about (patientInput), and the plan of its call. */
  sharedPatient: number;
  planId: number;
  /** Lena Ortiz, born 1981-04-05. */
  lena: number;
}

const coverage = (sqlite: Db, patientId: number, planId: number, memberId: string, name: string) =>
  sqlite
    .prepare(
      `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship, updated_at)
       VALUES (?, ?, 1, ?, ?, 'self', '2000-01-01T00:00:00.000Z')`,
    )
    .run(patientId, planId, memberId, name);

/** A desk's own SQLite file after a day's work: the shared patient (member ID given) and Lena Ortiz. */
async function desk(
  dir: string,
  now: () => Date,
  own: 'A' | 'B',
  memberIds: { shared: string; lena: string },
): Promise<Desk> {
  const dbPath = path.join(dir, `desk-${own}.sqlite`);
  const chain =
    own === 'A'
      ? testAuditChain(dbPath)
      : { key: DESK_B_KEY, anchor: fileHeadAnchor(auditHeadPathOf(dbPath)) };
  const { db, sqlite } = await openAppDatabase(
    { dbPath, backupDir: path.join(dir, 'backups') },
    now,
    [TEST_DB_KEY],
    chain,
  );
  const session = createSessionService({ db, now, lockAfterMinutes: () => 15 });
  await session.setup({ ...TEST_ADMIN });
  const who = session.current()!;
  const s = testServices(db, now, { catalog: sqlite });
  // A second user on each desk, so the same user has different ids on the two (A's Zed is 2, B's Rosa 2).
  sqlite
    .prepare(
      `INSERT INTO users (username, display_name, role, password_hash, active, created_at, updated_at)
       VALUES (?, ?, 'admin', 'scrypt$test', 1, '2000-01-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z')`,
    )
    .run(own === 'A' ? 'zed' : 'rosa', own === 'A' ? 'Zed Desk' : 'Rosa Desk');
  if (own === 'B') {
    // B's own first rows, so its ids are not A's: an id kept by mistake points to the wrong row.
    await s.policies.savePayer(null, payerInput('Another Fictional Payer (sample)'));
    await s.patients.save(null, {
      ...patientInput(),
      firstName: 'Ida',
      lastName: 'Early',
      dob: '1955-02-03',
    });
  }
  const day = await deskDay(db, now, sqlite);
  const call = sqlite.prepare('SELECT patient_id, plan_id FROM calls WHERE id = ?').get(day.callId) as {
    patient_id: number;
    plan_id: number;
  };
  coverage(sqlite, call.patient_id, call.plan_id, memberIds.shared, 'Mrkfirst Qzxlast');
  const lena = await s.patients.save(null, {
    ...patientInput(),
    firstName: 'Lena',
    lastName: 'Ortiz',
    dob: '1981-04-05',
  });
  coverage(sqlite, lena.id, call.plan_id, memberIds.lena, 'Lena Ortiz');
  await completedCall(s.calls, lena.id, call.plan_id);
  return { db, session, sqlite, who, sharedPatient: call.patient_id, planId: call.plan_id, lena: lena.id };
}

/** Every table of the office database: its row count and an order-free digest of every row. */
async function officeState(office: AppDb): Promise<Record<string, string>> {
  const { rows } = await office.q
    .selectFrom('information_schema.columns' as never)
    .select(['table_name as t', 'column_name as c'] as never[])
    .where('table_schema' as never, '=', 'public' as never)
    .orderBy('table_name' as never)
    .orderBy('ordinal_position' as never)
    .execute()
    .then((r) => ({ rows: r as unknown as Array<{ t: string; c: string }> }));
  const columns = new Map<string, string[]>();
  for (const { t, c } of rows) columns.set(t, [...(columns.get(t) ?? []), c]);
  const state: Record<string, string> = {};
  for (const [table, cols] of columns) {
    // The search index's tsvector reads back as text: fine for comparing one moment with another.
    const digest = new TableDigest(cols);
    for await (const page of pagesOf(office, table, cols)) digest.add(page);
    state[table] = `${digest.count}:${digest.digest}`;
  }
  return state;
}

const countOf = (state: Record<string, string>, table: string) => Number(state[table]!.split(':')[0]);

const sqliteCount = (sqlite: Db, table: string) =>
  Number(sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());

async function newIdOf(office: AppDb, source: string, kind: string, oldId: number): Promise<number> {
  const row = await office.q
    .selectFrom('merged_rows')
    .select('new_id')
    .where('source', '=', source)
    .where('kind', '=', kind)
    .where('old_id', '=', String(oldId))
    .executeTakeFirstOrThrow();
  return Number(row.new_id);
}

describe("merging a second computer's data into the office database", () => {
  const tempDir = useTempDirs();

  async function officeWithDeskA(now: () => Date) {
    const a = await desk(tempDir(), now, 'A', { shared: 'M-100', lena: 'LO-1' });
    const { db: office, name } = await openTestOfficeDb(now);
    await moveToOffice(a.db, office, { now, computer: 'Front desk 1', who: a.who });
    return { a, office, name };
  }

  it('refuses a doubtful patient with nothing written, merges with a decision, attaches to the matched patient, and twice adds nothing', async () => {
    const { now } = runningClock();
    const { a, office } = await officeWithDeskA(now);
    // B: the shared patient with the same member ID written differently; Lena with another member ID;
    // Tomas Vega, new, with a completed call (and its PA item).
    const b = await desk(tempDir(), now, 'B', { shared: 'm 100', lena: 'LO-2' });
    const sb = testServices(b.db, now, { catalog: b.sqlite });
    const tomas = await sb.patients.save(null, {
      ...patientInput(),
      firstName: 'Tomas',
      lastName: 'Vega',
      dob: '1990-07-08',
    });
    await completedCall(sb.calls, tomas.id, b.planId);
    const bPa = Number(
      b.sqlite.prepare('SELECT id FROM prior_auths WHERE patient_id = ?').pluck().get(b.sharedPatient),
    );
    b.sqlite
      .prepare(
        "INSERT INTO todo_marks (item_key, owner, version, updated_at, updated_by) VALUES (?, 'Desk Two', 1, '2000-01-01T00:00:00.000Z', 'Desk Two')",
      )
      .run(`pa:${bPa}:submit`);
    const options: MergeOptions = {
      now,
      computer: 'Front desk 2',
      // Rosa merges: user 2 on B, a new user on the office (where 2 is A's Zed).
      who: { id: 2, displayName: 'Rosa Desk' },
      officeKey: TEST_AUDIT_KEY,
      decisions: [],
    };
    // One ledger statement both desks hold (a policy pack imported on both, say): the same uid, about
    // the same plan. It is the office's already, so it is not added again.
    const shared = a.sqlite
      .prepare(
        'SELECT * FROM observations WHERE plan_id IS NOT NULL AND retracts_uid IS NULL ORDER BY id LIMIT 1',
      )
      .get() as Record<string, unknown>;
    const { id: _aId, ...statement } = shared;
    b.sqlite
      .prepare(
        `INSERT INTO observations (${Object.keys(statement).join(', ')}) VALUES (${Object.keys(statement)
          .map(() => '?')
          .join(', ')})`,
      )
      .run(
        ...Object.values({
          ...statement,
          plan_id: b.planId,
          call_id:
            statement.call_id === null ? null : b.sqlite.prepare('SELECT min(id) FROM calls').pluck().get(),
        }),
      );
    const before = await officeState(office);

    // First: refused, naming exactly Lena on both sides, and nothing written.
    const refused = await mergeIntoOffice(b.db, office, options).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DoubtfulPatients);
    const pairs = (refused as DoubtfulPatients).pairs;
    expect(pairs).toEqual([
      {
        here: { id: b.lena, firstName: 'Lena', lastName: 'Ortiz', dob: '1981-04-05', memberIds: ['LO2'] },
        office: { id: a.lena, firstName: 'Lena', lastName: 'Ortiz', dob: '1981-04-05', memberIds: ['LO1'] },
        why: 'Same name and birth date, but the member IDs differ.',
      },
    ]);
    expect((refused as Error).message).toContain(
      'This computer: Lena Ortiz, born 04/05/1981, member ID LO2. Office: Lena Ortiz, born 04/05/1981, member ID LO1.',
    );
    expect(await officeState(office)).toEqual(before);

    // With a decision: Lena of B is another person.
    const merged = await mergeIntoOffice(b.db, office, {
      ...options,
      decisions: [{ patientId: b.lena, separate: true }],
    });
    const source = mergeSourceOf(b.db);
    expect(source).toBe(`desk:${DESK_B_KEY.id}`);
    const after = await officeState(office);
    // A's rows plus B's new ones: the shared patient, the user, payer and plan were the office's already.
    expect(countOf(after, 'patients')).toBe(countOf(before, 'patients') + 3);
    expect(merged.counts.patients).toEqual({ here: 4, matched: 1, added: 3 });
    expect(b.sharedPatient).not.toBe(a.sharedPatient);
    expect(countOf(after, 'users')).toBe(countOf(before, 'users') + 1);
    expect(countOf(after, 'payers')).toBe(countOf(before, 'payers') + 1);
    expect(countOf(after, 'plans')).toBe(countOf(before, 'plans'));
    for (const table of ['calls', 'call_answers', 'prior_auths', 'prior_auth_events'])
      expect({ table, n: countOf(after, table) }).toEqual({
        table,
        n: countOf(before, table) + sqliteCount(b.sqlite, table),
      });
    expect(countOf(after, 'observations')).toBe(
      countOf(before, 'observations') + sqliteCount(b.sqlite, 'observations') - 1,
    );
    expect(merged.counts.observations!.matched).toBe(1);
    const sharedThere = await office.q
      .selectFrom('observations')
      .select('id')
      .where('uid', '=', String(shared.uid))
      .execute();
    expect(sharedThere).toEqual([{ id: Number(shared.id) }]);
    // The coverage with the same member ID is the office's coverage; Lena's (another person) is new.
    expect(countOf(after, 'coverages')).toBe(countOf(before, 'coverages') + 1);

    // B's call and PA item about the shared patient belong to A's patient now.
    const bCall = Number(
      b.sqlite.prepare('SELECT id FROM calls WHERE patient_id = ?').pluck().get(b.sharedPatient),
    );
    const callThere = await office.q
      .selectFrom('calls')
      .select(['patient_id', 'status'])
      .where('id', '=', await newIdOf(office, source, 'calls', bCall))
      .executeTakeFirstOrThrow();
    expect(callThere).toEqual({ patient_id: a.sharedPatient, status: 'completed' });
    const paThere = await office.q
      .selectFrom('prior_auths')
      .select(['patient_id', 'call_id'])
      .where('id', '=', await newIdOf(office, source, 'prior_auths', bPa))
      .executeTakeFirstOrThrow();
    expect(paThere).toEqual({
      patient_id: a.sharedPatient,
      call_id: await newIdOf(office, source, 'calls', bCall),
    });
    // Its to-do mark names the PA item's new id.
    const mark = await office.q
      .selectFrom('todo_marks')
      .select('owner')
      .where('item_key', '=', `pa:${await newIdOf(office, source, 'prior_auths', bPa)}:submit`)
      .executeTakeFirst();
    expect(mark).toEqual({ owner: 'Desk Two' });
    // Ledger statements of B's shared patient's coverage hang on the office's coverage of that patient.
    const officeCoverage = await office.q
      .selectFrom('coverages')
      .select('id')
      .where('patient_id', '=', a.sharedPatient)
      .executeTakeFirstOrThrow();
    const bCoverage = Number(
      b.sqlite.prepare('SELECT id FROM coverages WHERE patient_id = ?').pluck().get(b.sharedPatient),
    );
    expect(await newIdOf(office, source, 'coverages', bCoverage)).toBe(officeCoverage.id);
    // Tomas and B's Lena are new patients, under their own names.
    const lenaThere = await office.q
      .selectFrom('patients')
      .select(['first_name', 'last_name'])
      .where('id', '=', await newIdOf(office, source, 'patients', b.lena))
      .executeTakeFirstOrThrow();
    expect(lenaThere).toEqual({ first_name: 'Lena', last_name: 'Ortiz' });
    expect(await newIdOf(office, source, 'patients', b.lena)).not.toBe(a.lena);

    // Every row of B with an id is found through merged_rows, and points to a row that exists.
    for (const table of [
      'users',
      'payers',
      'plans',
      'patients',
      'coverages',
      'calls',
      'call_answers',
      'prior_auths',
      'prior_auth_events',
      'observations',
      'todo_events',
    ]) {
      const ids = b.sqlite.prepare(`SELECT id FROM ${table}`).pluck().all() as number[];
      for (const id of ids) {
        const to = await newIdOf(office, source, table, id);
        const found = await office.q
          .selectFrom(table as 'patients')
          .select('id')
          .where('id', '=', to)
          .executeTakeFirst();
        expect({ table, id, found: found !== undefined }).toEqual({ table, id, found: true });
      }
    }

    // B's trail verbatim, with B's key ids and hashes; one office entry names B and the trail's last hash.
    const bTrail = b.sqlite
      .prepare(
        'SELECT id, ts_utc, user_id, user_name, action, entity, entity_id, detail_json, prev_hash, hash, mac_key FROM audit_log ORDER BY id',
      )
      .all();
    const kept = await office.q
      .selectFrom('merged_audit_log')
      .select([
        'id',
        'ts_utc',
        'user_id',
        'user_name',
        'action',
        'entity',
        'entity_id',
        'detail_json',
        'prev_hash',
        'hash',
        'mac_key',
      ])
      .where('source', '=', source)
      .orderBy('id')
      .execute();
    expect(kept).toEqual(bTrail);
    expect(new Set(kept.map((k) => k.mac_key))).toEqual(new Set([DESK_B_KEY.id]));
    const check = await verifyAuditChain(office);
    expect(check).toMatchObject({ ok: true, problem: null });
    const last = await office.q
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({
      action: 'import',
      entity: 'office_database',
      mac_key: TEST_AUDIT_KEY.id,
      // The office's id for Rosa, not B's (2 is A's Zed there).
      user_id: await newIdOf(office, source, 'users', 2),
      user_name: 'Rosa Desk',
    });
    expect(
      await office.q
        .selectFrom('users')
        .select('username')
        .where('id', '=', last.user_id!)
        .executeTakeFirstOrThrow(),
    ).toEqual({ username: 'rosa' });
    expect(JSON.parse(last.detail_json)).toMatchObject({
      merged: 'Front desk 2',
      source,
      mergedTrailHead: (bTrail.at(-1) as { hash: string }).hash,
      counts: { patients: 3, calls: sqliteCount(b.sqlite, 'calls') },
    });
    expect(merged.message).toMatch(
      /^Merged this computer's data into the office database .*: 1 new user \(1 already there\), 3 new patients \(1 already there\), 1 new payer \(1 already there\)/,
    );

    // Merging B again brings nothing twice: only the office's entry saying so is added.
    const again = await mergeIntoOffice(b.db, office, { ...options, decisions: [] });
    const twice = await officeState(office);
    for (const table of Object.keys(after))
      if (!['audit_log', 'audit_head'].includes(table))
        expect({ table, state: twice[table] }).toEqual({ table, state: after[table] });
    expect(countOf(twice, 'audit_log')).toBe(countOf(after, 'audit_log') + 1);
    expect(Object.values(again.counts).every((c) => c.added === 0)).toBe(true);
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true, problem: null });
  });

  it('leaves the office exactly as it was when the merge fails partway', async () => {
    const { now } = runningClock();
    const { office } = await officeWithDeskA(now);
    const b = await desk(tempDir(), now, 'B', { shared: 'M-100', lena: 'LO-1' });
    const before = await officeState(office);
    const options: MergeOptions = {
      now,
      computer: 'Front desk 2',
      who: b.who,
      officeKey: TEST_AUDIT_KEY,
      decisions: [],
      afterTable: (table) => {
        if (table === 'observations') throw new Error('planted failure after the ledger statements');
      },
    };
    await expect(mergeIntoOffice(b.db, office, options)).rejects.toThrow('planted failure');
    expect(await officeState(office)).toEqual(before);
    // The same office then takes the merge whole, and its chain verifies.
    await mergeIntoOffice(b.db, office, { ...options, afterTable: undefined });
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true, problem: null });
    expect(countOf(await officeState(office), 'calls')).toBe(
      countOf(before, 'calls') + sqliteCount(b.sqlite, 'calls'),
    );
  });

  it("refuses a key that is not the office's, writing nothing", async () => {
    const { now } = runningClock();
    const { office } = await officeWithDeskA(now);
    const b = await desk(tempDir(), now, 'B', { shared: 'M-100', lena: 'LO-1' });
    const before = await officeState(office);
    await expect(
      mergeIntoOffice(b.db, office, {
        now,
        computer: 'Front desk 2',
        who: b.who,
        officeKey: DESK_B_KEY,
        decisions: [],
      }),
    ).rejects.toThrow("Nothing was merged: that is a valid key, but not this office database's");
    expect(await officeState(office)).toEqual(before);
  });
  it('takes "the same patient" for a doubtful pair: its calls and coverage history join the office patient', async () => {
    const { now } = runningClock();
    const { a, office } = await officeWithDeskA(now);
    // B's Lena has A's Lena's member ID but another birth date (a typo on one of the desks).
    const b = await desk(tempDir(), now, 'B', { shared: 'M-100', lena: 'LO-1' });
    b.sqlite.prepare("UPDATE patients SET dob = '1981-05-04' WHERE id = ?").run(b.lena);
    const options: MergeOptions = {
      now,
      computer: 'Front desk 2',
      who: b.who,
      officeKey: TEST_AUDIT_KEY,
      decisions: [],
    };
    const refused = await mergeIntoOffice(b.db, office, options).catch((e: unknown) => e);
    expect((refused as DoubtfulPatients).pairs).toEqual([
      {
        here: { id: b.lena, firstName: 'Lena', lastName: 'Ortiz', dob: '1981-05-04', memberIds: ['LO1'] },
        office: { id: a.lena, firstName: 'Lena', lastName: 'Ortiz', dob: '1981-04-05', memberIds: ['LO1'] },
        why: 'Same member ID, but a different name or birth date.',
      },
    ]);
    // A decision naming an office patient that is not one of the pair is no decision: still refused.
    await expect(
      mergeIntoOffice(b.db, office, {
        ...options,
        decisions: [{ patientId: b.lena, sameAs: a.sharedPatient }],
      }),
    ).rejects.toBeInstanceOf(DoubtfulPatients);
    const patientsBefore = countOf(await officeState(office), 'patients');
    await mergeIntoOffice(b.db, office, { ...options, decisions: [{ patientId: b.lena, sameAs: a.lena }] });
    const source = mergeSourceOf(b.db);
    expect(await newIdOf(office, source, 'patients', b.lena)).toBe(a.lena);
    // Ida is the only new patient; the office keeps A's Lena as she was.
    expect(countOf(await officeState(office), 'patients')).toBe(patientsBefore + 1);
    expect(
      await office.q.selectFrom('patients').select('dob').where('id', '=', a.lena).executeTakeFirstOrThrow(),
    ).toEqual({ dob: '1981-04-05' });
    const bLenaCall = Number(
      b.sqlite.prepare('SELECT id FROM calls WHERE patient_id = ?').pluck().get(b.lena),
    );
    expect(
      await office.q
        .selectFrom('calls')
        .select('patient_id')
        .where('id', '=', await newIdOf(office, source, 'calls', bLenaCall))
        .executeTakeFirstOrThrow(),
    ).toEqual({ patient_id: a.lena });
    // Same plan, same member ID: B's coverage is the office's coverage of A's Lena.
    const bCoverage = Number(
      b.sqlite.prepare('SELECT id FROM coverages WHERE patient_id = ?').pluck().get(b.lena),
    );
    const aCoverage = await office.q
      .selectFrom('coverages')
      .select('id')
      .where('patient_id', '=', a.lena)
      .execute();
    expect(aCoverage).toHaveLength(1);
    expect(await newIdOf(office, source, 'coverages', bCoverage)).toBe(aCoverage[0]!.id);
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true, problem: null });
  });

  it("merges through Settings' handler: review, then merged with the decisions, and this computer joins with the office key", async () => {
    const { now } = runningClock();
    const { a, office, name } = await officeWithDeskA(now);
    const b = await desk(tempDir(), now, 'B', { shared: 'M-100', lena: 'LO-2' });
    const settings = testOfficeSettings(name);
    const choice = testOfficeConnection(tempDir());
    const handlers = officeDatabaseHandlers({
      db: b.db,
      session: b.session,
      now,
      connection: choice,
      restart: () => undefined,
      workstation: 'Front desk 2',
      ownAuditKey: () => DESK_B_KEY,
    });
    const officeKey = recoveryCodeOf(TEST_AUDIT_KEY.key);
    const review = await handlers['officedb:merge']({ settings, officeKey, decisions: [] });
    expect(review).toMatchObject({
      outcome: 'review',
      pairs: [{ here: { id: b.lena, memberIds: ['LO2'] }, office: { id: a.lena, memberIds: ['LO1'] } }],
    });
    expect(await choice.read()).toBeNull();
    const merged = await handlers['officedb:merge']({
      settings,
      officeKey,
      decisions: [{ patientId: b.lena, separate: true }],
    });
    expect(merged).toMatchObject({ outcome: 'merged', computer: 'Front desk 2', officeKey });
    expect(merged.outcome === 'merged' && merged.counts.patients).toBe(2);
    // Chosen for the next start with the OFFICE key, not this computer's own.
    expect(await choice.read()).toMatchObject({ settings, officeKey: { id: TEST_AUDIT_KEY.id } });
    const own = b.sqlite
      .prepare(
        "SELECT detail_json FROM audit_log WHERE entity = 'office_database' AND action = 'export' ORDER BY id",
      )
      .pluck()
      .all() as string[];
    expect(own.map((d) => (JSON.parse(d) as { outcome: string }).outcome)).toEqual(['review', 'merged']);
    const trail = JSON.stringify(b.sqlite.prepare('SELECT * FROM audit_log').all());
    expect(trail).not.toContain(settings.password);
    expect(trail).not.toContain(officeKey);
    // On the server: B's Ida and Lena beside A's patients, and one office chain that checks out.
    expect(await verifyAuditChain(office)).toMatchObject({ ok: true, problem: null });
    const names = await office.q.selectFrom('patients').select('first_name').orderBy('id').execute();
    expect(names.map((n) => n.first_name)).toEqual(['Mrkfirst', 'Lena', 'Ida', 'Lena']);
  });
});
