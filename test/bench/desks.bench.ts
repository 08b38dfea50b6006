// Several desks at once on the office database (issue 18): 10 desks, each a program of its own, answer
// 100 complete calls each on five shared plans against the PostgreSQL server named by VERIFYDESK_TEST_PG
// (.ci/pgCluster.sh start DIR prints one). Reported: each answer's commit as the desk waited for it
// (median, p95), and in the notes what the server holds afterwards (lost answers, refused actions,
// the audit chain, ledger statements per completed call), the wall time and answers per second.
// BENCH_DESKS and BENCH_DESK_CALLS change the size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openOfficeDatabase } from '../../src/main/db/pg/openOfficeDatabase';
import { testDeskCatalog } from '../helpers/appDb';
import {
  bundleDeskWorker,
  checkOffice,
  prepareOffice,
  runDesks,
  type OfficeAfterLoad,
  type DeskLoadRun,
} from '../helpers/deskLoad';
import { TEST_AUDIT_KEY } from '../helpers/testAudit';
import { fixedClock } from '../helpers/testClock';
import { testPgConnection, testPgServer } from '../helpers/testEngine';
import { needsTestServer } from './needsTestServer';
import type { BenchSuite } from './bench';

const DESKS = Number(process.env.BENCH_DESKS ?? 10);
const CALLS_PER_DESK = Number(process.env.BENCH_DESK_CALLS ?? 100);

let run: DeskLoadRun | null = null;
let after: OfficeAfterLoad | null = null;

const suite: BenchSuite = {
  name: 'desks',
  unavailable: needsTestServer,
  async setup() {
    const now = fixedClock();
    const name = `vd_bench_desks_${process.pid}`;
    const admin = new pg.Client({ connectionString: testPgServer().href });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-desks-'));
    const { db } = await openOfficeDatabase(testPgConnection(name), now, TEST_AUDIT_KEY, { create: true });
    const orders = await prepareOffice(db, await testDeskCatalog(), now, testPgConnection(name), {
      desks: DESKS,
      callsPerDesk: CALLS_PER_DESK,
      plans: Math.max(1, Math.round(DESKS / 2)),
    });
    const worker = bundleDeskWorker(dir);
    return {
      cases: [
        {
          name: `answer commit at a desk (${DESKS} desks x ${CALLS_PER_DESK} calls)`,
          samples: async () => {
            run = await runDesks(worker, orders);
            after = await checkOffice(db, run);
            return run.acknowledged.map((a) => a.ms);
          },
        },
      ],
      teardown: async () => {
        await db.close();
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: () =>
    run && after
      ? [
          `${run.acknowledged.length} answers acknowledged, ${run.completed.length} of ${DESKS * CALLS_PER_DESK} calls completed in ${(run.wallMs / 1000).toFixed(1)} s (${(run.acknowledged.length / (run.wallMs / 1000)).toFixed(0)} answers/s over all desks)`,
          `lost answers ${after.lostAnswers}; rows nobody was told of ${after.unacknowledgedRows}; refused or failed ${run.refusals.length}${run.refusals.length ? ` (${run.refusals.slice(0, 3).join('; ')})` : ''}; deadlocks counted by the server ${after.serverDeadlocks}`,
          `audit chain ${after.chainOk ? 'valid' : 'BROKEN'}, ${after.answerAuditRows} call:answer entries; completed calls without ledger statements ${after.completedWithoutLedger}`,
        ]
      : ['the desks did not run'],
};

export default suite;
