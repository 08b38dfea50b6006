// "Move this computer's data to the office database" (issue 18): how long a desk's data takes to move into
// an empty office database on the server named by VERIFYDESK_TEST_PG (loopback), copy and the row-for-row
// check on the server included. The desk: BENCH_MOVE_CALLS (300) complete calls on 3 plans for 30
// patients, built through the services (their answers, ledger statements and PA items), with an audit
// entry per answer as the app writes.
// Each sample moves into a fresh, empty office database made before the clock starts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { appendAudit } from '../../src/main/audit/auditLog';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { moveToOffice } from '../../src/main/db/pg/moveToOffice';
import { openOfficeDatabase } from '../../src/main/db/pg/openOfficeDatabase';
import { driveCall } from '../helpers/callDriver';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { TEST_AUDIT_KEY, testAuditChain } from '../helpers/testAudit';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { daysFromToday, manualClock } from '../helpers/testClock';
import { testPgConnection, testPgServer } from '../helpers/testEngine';
import type { BenchSuite } from './bench';
import { needsTestServer } from './needsTestServer';

const CALLS = Number(process.env.BENCH_MOVE_CALLS ?? 300);
const SAMPLES = 5;
let described = '';

const suite: BenchSuite = {
  name: 'move',
  unavailable: needsTestServer,
  async setup() {
    const clock = manualClock();
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-move-'));
    const paths = { dbPath: path.join(dir, 'desk.sqlite'), backupDir: path.join(dir, 'backups') };
    const desk = await openAppDatabase(paths, clock.now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const { policies, patients, calls } = testServices(desk.db, clock.now, { catalog: desk.sqlite });
    const payer = await policies.savePayer(null, payerInput());
    const plans: number[] = [];
    for (let p = 0; p < 3; p++)
      plans.push((await policies.savePlan(null, planInput(payer.id, `Fictional PPO ${p}`))).id);
    const people: number[] = [];
    for (let k = 0; k < 30; k++) {
      const id = (await patients.save(null, patientInput({ firstName: `Movepatient${k}` }))).id;
      await patients.saveCoverage(null, coverageInput(id, plans[k % 3]!, { memberId: `MOV${k}` }));
      people.push(id);
    }
    const finish = { nextAction: 'Bench', nextActionDue: daysFromToday(1), reverifyDate: null };
    for (let i = 0; i < CALLS; i++) {
      const started = await calls.start({
        patientId: people[i % 30]!,
        planId: plans[i % 3]!,
        planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
        dialedNumber: null,
      });
      const done = await driveCall(calls, started);
      await calls.complete(done.id, finish);
      // The app audits every answer (the guard does, around each one): the trail a real desk has.
      for (let a = 0; a < done.answers.length; a++)
        await appendAudit(
          desk.db,
          { who: null, action: 'change', entity: 'call', entityId: done.id },
          clock.now(),
        );
    }
    const count = (table: string) =>
      Number(desk.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
    described = `${CALLS} calls, ${count('call_answers')} answers, ${count('observations')} ledger statements, ${count('audit_log')} audit entries`;

    const admin = new pg.Client({ connectionString: testPgServer().href });
    await admin.connect();
    const made: string[] = [];
    return {
      cases: [
        {
          name: `move a desk of ${CALLS} calls into an empty office database`,
          async samples() {
            const ms: number[] = [];
            for (let i = 0; i < SAMPLES; i++) {
              const name = `vd_bench_move_${process.pid}_${i}`;
              await admin.query(`CREATE DATABASE ${name}`);
              made.push(name);
              const office = await openOfficeDatabase(testPgConnection(name), clock.now, TEST_AUDIT_KEY, {
                create: true,
              });
              const began = performance.now();
              await moveToOffice(desk.db, office.db, { now: clock.now, computer: 'Bench desk', who: null });
              ms.push(performance.now() - began);
              await office.db.close();
            }
            return ms;
          },
        },
      ],
      teardown: async () => {
        await desk.db.close();
        for (const name of made) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: () => [
    `the desk moved: ${described} (all rows of every table, copied and then compared on the server)`,
  ],
};

export default suite;
