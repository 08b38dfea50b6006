// The two engines side by side (issue 18): the same office built the same way through the services on
// the encrypted SQLite file and on the PostgreSQL server named by VERIFYDESK_TEST_PG (loopback), then
// the same operations timed on each: answering a question (commit included), Records search, the
// prior-authorization and re-verify worklists, the resume check. One desk, no contention: the cost of
// each engine's path (in-process file vs a server over a socket), not of several desks (see `desks`).
// The office: 3 plans, 30 patients, BENCH_ENGINE_CALLS (150) complete calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { openOfficeDatabase } from '../../src/main/db/pg/openOfficeDatabase';
import type { CallView } from '../../src/shared/script/callViews';
import { testDeskCatalog } from '../helpers/appDb';
import { driveCall, plainAnswer, SCRIPTED } from '../helpers/callDriver';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { TEST_AUDIT_KEY, testAuditChain } from '../helpers/testAudit';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { daysFromToday, manualClock, TEST_NOW } from '../helpers/testClock';
import { testPgConnection, testPgServer } from '../helpers/testEngine';
import type { BenchCase, BenchResult, BenchSuite } from './bench';
import { needsTestServer } from './needsTestServer';

const CALLS = Number(process.env.BENCH_ENGINE_CALLS ?? 150);
const PATIENTS = 30;
const PLANS = 3;
const ENGINES = ['sqlite', 'postgres'] as const;

let built = '';

/** The office built through the services, and the operations to time on it. */
async function officeCases(
  engine: string,
  db: AppDb,
  catalog: Db,
  clock: ReturnType<typeof manualClock>,
): Promise<BenchCase[]> {
  const now = clock.now;
  const { policies, patients, calls, priorAuths, reverify } = testServices(db, now, { catalog });
  const payer = await policies.savePayer(null, payerInput());
  const plans: number[] = [];
  for (let p = 0; p < PLANS; p++)
    plans.push((await policies.savePlan(null, planInput(payer.id, `Fictional PPO ${p}`))).id);
  const people: number[] = [];
  for (let k = 0; k < PATIENTS; k++) {
    const id = (await patients.save(null, patientInput({ firstName: `Enginepatient${k}` }))).id;
    // Each patient's coverage is with the plan their calls are about (the re-verify worklist reads it).
    await patients.saveCoverage(null, coverageInput(id, plans[k % PLANS]!, { memberId: `ENG${k}` }));
    people.push(id);
  }
  const finish = { nextAction: 'Bench', nextActionDue: daysFromToday(1), reverifyDate: null };
  const start = (i: number) =>
    calls.start({
      patientId: people[i % PATIENTS]!,
      planId: plans[i % PLANS]!,
      planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
      dialedNumber: null,
    });
  const began = performance.now();
  for (let i = 0; i < CALLS; i++) await calls.complete((await driveCall(calls, await start(i))).id, finish);
  built += `${engine}: ${CALLS} calls built through the services in ${((performance.now() - began) / 1000).toFixed(1)} s. `;
  // Today: the calls were made 100 days ago, so their upcoming appointments are due for re-verifying.
  clock.set(TEST_NOW);
  // What each timed read returns, so both engines are seen to do the same work.
  const sizes = [
    `patient-name search ${(await calls.search('enginepatient17')).length}`,
    `newest ${(await calls.search('')).length}`,
    `PA worklist ${(await priorAuths.worklist()).length}`,
    `re-verify worklist ${(await reverify.worklist()).length}`,
  ];
  built += `(${sizes.join(', ')} rows). `;
  let view: CallView = await start(CALLS);
  let n = CALLS;
  return [
    {
      name: `${engine}: answer one question, committed`,
      iterations: 1000,
      run: async () => {
        if (!view.current) {
          await calls.complete(view.id, finish);
          view = await start(++n);
        }
        const c = view.current!;
        view = await calls.answer(view.id, SCRIPTED[c.stepId] ?? c.known?.answer ?? plainAnswer(c));
        if (view.pendingReadBack) view = await calls.confirmReadBack(view.id, view.pendingReadBack.key);
      },
    },
    {
      name: `${engine}: records search: patient name`,
      iterations: 200,
      run: () => calls.search('enginepatient17'),
    },
    { name: `${engine}: records search: no words (newest)`, iterations: 200, run: () => calls.search('') },
    { name: `${engine}: prior-authorization worklist`, iterations: 100, run: () => priorAuths.worklist() },
    { name: `${engine}: re-verify worklist`, iterations: 100, run: () => reverify.worklist() },
    {
      name: `${engine}: calls left in progress (resume check)`,
      iterations: 200,
      run: () => calls.inProgress(),
    },
  ];
}

const suite: BenchSuite = {
  name: 'engines',
  unavailable: needsTestServer,
  async setup() {
    // Each office is built 100 days ago (past the 90-day re-verify window) and timed today.
    const back = () => manualClock(new Date(TEST_NOW.getTime() - 100 * 86_400_000));
    const fileClock = back();
    const serverClock = back();
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-engines-'));
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const file = await openAppDatabase(paths, fileClock.now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const name = `vd_bench_engines_${process.pid}`;
    const admin = new pg.Client({ connectionString: testPgServer().href });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const server = (
      await openOfficeDatabase(testPgConnection(name), serverClock.now, TEST_AUDIT_KEY, { create: true })
    ).db;
    built = '';
    const cases = [
      ...(await officeCases(ENGINES[0], file.db, file.sqlite, fileClock)),
      ...(await officeCases(ENGINES[1], server, await testDeskCatalog(), serverClock)),
    ];
    return {
      cases,
      teardown: async () => {
        await file.db.close();
        await server.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: (results: BenchResult[]) => {
    const byCase = new Map<string, Partial<Record<(typeof ENGINES)[number], BenchResult>>>();
    for (const r of results) {
      const [engine, ...rest] = r.name.split(': ');
      const what = rest.join(': ');
      byCase.set(what, { ...byCase.get(what), [engine as (typeof ENGINES)[number]]: r });
    }
    const cell = (r: BenchResult | undefined) =>
      r ? `${r.medianMs.toFixed(2)} / ${r.p95Ms.toFixed(2)}` : '-';
    const width = Math.max(...[...byCase.keys()].map((k) => k.length));
    return [
      built.trim(),
      `${'side by side (median / p95 ms)'.padEnd(width)}  ${'SQLite file'.padStart(15)}  ${'PostgreSQL'.padStart(15)}  p95 ratio`,
      ...[...byCase].map(
        ([what, r]) =>
          `${what.padEnd(width)}  ${cell(r.sqlite).padStart(15)}  ${cell(r.postgres).padStart(15)}  ${r.sqlite && r.postgres ? (r.postgres.p95Ms / r.sqlite.p95Ms).toFixed(1) : '-'}x`,
      ),
    ];
  },
};

export default suite;
