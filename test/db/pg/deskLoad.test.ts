// Issue 18, item 5: several desks under load, each desk a program of its own (its own pool, its own user
// signed in) answering complete calls on the office's shared plans at the same time, every action
// through the real guard (the audit row in the action's transaction). Afterwards: every answer a desk
// was told is saved is in call_answers and nothing else is, no desk was refused (none retries, so a
// deadlock or serialization failure would show here), the audit trail is one valid chain with one
// call:answer entry per acknowledged answer, and every completed call has its ledger statements. A small
// office here (CI runs it); `npm run bench -- desks` runs 10 desks x 100 calls and prints the figures.
import { describe, expect, it } from 'vitest';
import { bundleDeskWorker, checkOffice, prepareOffice, runDesks } from '../../helpers/deskLoad';
import { openTestOfficeDb, testDeskCatalog } from '../../helpers/appDb';
import { fixedClock } from '../../helpers/testClock';
import { testPgConnection } from '../../helpers/testEngine';
import { useTempDirs } from '../../helpers/tempDir';

const now = fixedClock();
const DESKS = 4;
const CALLS_PER_DESK = 10;

describe('several desks as separate programs under load', () => {
  const tempDir = useTempDirs();

  it(`${DESKS} desks x ${CALLS_PER_DESK} calls on shared plans: nothing lost, nobody refused, one audit chain`, async () => {
    const { db, name } = await openTestOfficeDb(now);
    const worker = bundleDeskWorker(tempDir());
    const orders = await prepareOffice(db, await testDeskCatalog(), now, testPgConnection(name), {
      desks: DESKS,
      callsPerDesk: CALLS_PER_DESK,
      plans: DESKS / 2,
    });
    const run = await runDesks(worker, orders);
    const after = await checkOffice(db, run);
    // One comparison, so a failure shows every figure at once.
    expect({ ...after, refusals: run.refusals, completed: run.completed.length }).toMatchObject({
      refusals: [],
      completed: DESKS * CALLS_PER_DESK,
      lostAnswers: 0,
      unacknowledgedRows: 0,
      answerAuditRows: run.acknowledged.length,
      chainOk: true,
      completedWithoutLedger: 0,
      serverDeadlocks: 0,
    });
    expect(run.acknowledged.length).toBeGreaterThan(DESKS * CALLS_PER_DESK * 5);
    // A figure, not a target (the bench reports the larger office): shown with the test's output.
    console.log(
      `${DESKS} desks x ${CALLS_PER_DESK} calls: ${run.acknowledged.length} answers in ${(run.wallMs / 1000).toFixed(1)} s; answer commit median ${after.answerCommit.medianMs.toFixed(1)} ms, p95 ${after.answerCommit.p95Ms.toFixed(1)} ms`,
    );
  }, 300_000);
});
