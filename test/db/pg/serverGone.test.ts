// Issue 18, item 4: the office database server goes away in the middle of a call (PostgreSQL only). The
// test runs its own server (the shared one stays up for the files beside it) and really stops it, with
// an answer on its way to the server: that answer is refused, never acknowledged, with words that say
// the office database cannot be reached and nothing was saved. While the server is down every action
// is refused the same way. When it is back, the same desk (the same pool, not reopened) resumes the
// same call: every answer acknowledged before the outage is there, the refused one is not, it is given
// again and lands, and the call completes with every acknowledged answer on file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openOfficeDatabase } from '../../../src/main/db/pg/openOfficeDatabase';
import { AppError } from '../../../src/shared/ipc/result';
import type { CallView } from '../../../src/shared/script/callViews';
import type { Answer } from '../../../src/shared/script/scriptTypes';
import { testDeskCatalog } from '../../helpers/appDb';
import { plainAnswer, SCRIPTED } from '../../helpers/callDriver';
import { startOwnPgServer, type OwnPgServer } from '../../helpers/ownPgServer';
import { patientInput, payerInput, planInput } from '../../helpers/policyFixtures';
import { testServices } from '../../helpers/services';
import { num } from '../../helpers/sqlRows';
import { TEST_AUDIT_KEY } from '../../helpers/testAudit';
import { daysFromToday, fixedClock } from '../../helpers/testClock';

const now = fixedClock();
const DESK = 'desk losing its server';
/** What the desk must be told, whatever it was saving. */
const NOT_SAVED =
  /^VerifyDesk cannot reach the office database vd_fault on 127\.0\.0\.1:\d+, so what you just entered was not saved\. Everything saved before is safe on the server\./;

/** The answer the call screen would give to the question on screen. */
const answerFor = (current: NonNullable<CallView['current']>): Answer =>
  SCRIPTED[current.stepId] ?? current.known?.answer ?? plainAnswer(current);

/** Waits (up to 20 s) until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('waited 20 s in vain');
}

describe('when the office database server goes away mid-call', () => {
  let server: OwnPgServer;
  beforeAll(async () => {
    server = startOwnPgServer();
    const admin = await server.admin();
    await admin.query('CREATE DATABASE vd_fault');
    await admin.end();
  }, 60_000);
  afterAll(() => server?.remove());

  it('refuses the answer being saved, and the call resumes and completes when the server is back', async () => {
    // Two seconds, not five, for a server that does not answer: it is down here, so it refuses at once.
    const connection = { ...server.connection('vd_fault'), connectTimeoutSeconds: 2 };
    const { db } = await openOfficeDatabase(connection, now, TEST_AUDIT_KEY, {
      create: true,
      applicationName: DESK,
    });
    try {
      const { policies, patients, calls } = testServices(db, now, {
        catalog: await testDeskCatalog(),
        actor: () => 'Fault Desk',
      });
      const plan = await policies.savePlan(
        null,
        planInput((await policies.savePayer(null, payerInput())).id),
      );
      const patient = await patients.save(null, patientInput());
      let view = await calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
        dialedNumber: null,
      });
      /** Answers the desk was told are saved (answer() returned), by key. */
      const acknowledged = new Set<string>();
      const give = async (answer: Answer) => {
        const before = new Set(view.answers.map((a) => a.key));
        view = await calls.answer(view.id, answer);
        for (const a of view.answers) if (!before.has(a.key)) acknowledged.add(a.key);
        if (view.pendingReadBack) view = await calls.confirmReadBack(view.id, view.pendingReadBack.key);
      };
      for (let i = 0; i < 4; i++) await give(answerFor(view.current!));
      expect(acknowledged.size).toBe(4);

      // The next answer is on its way: another session holds call_answers, so the desk's insert waits
      // at the server (reads still pass) until the server goes away under it.
      const holder = new pg.Client({ ...connection, ssl: false });
      holder.on('error', () => undefined);
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE call_answers IN EXCLUSIVE MODE');
      const refusedStep = view.current!.stepId;
      const refusedAnswer = answerFor(view.current!);
      const saving = calls.answer(view.id, refusedAnswer).then(
        () => 'acknowledged' as const,
        (error: unknown) => error,
      );
      await until(
        async () =>
          Number(
            (
              await holder.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
                [DESK],
              )
            ).rows[0].n,
          ) === 1,
      );
      server.down();

      // Refused, never acknowledged, in words the desk can act on.
      const refused = await saving;
      expect(refused).toBeInstanceOf(AppError);
      expect(refused).toMatchObject({ code: 'unavailable', message: expect.stringMatching(NOT_SAVED) });
      // While the server is down, opening the call and answering again are refused the same way.
      await expect(calls.view(view.id)).rejects.toMatchObject({ code: 'unavailable' });
      await expect(calls.answer(view.id, refusedAnswer)).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(NOT_SAVED),
      });

      server.up();
      // The same desk, the same pool: more actions at once than it has connections, all on fresh ones.
      const resumedViews = await Promise.all(Array.from({ length: 8 }, () => calls.view(view.id)));
      const resumed = resumedViews[0]!;
      expect(resumed.answers.map((a) => a.key).sort()).toEqual([...acknowledged].sort());
      expect(resumed.current?.stepId).toBe(refusedStep);

      // Given again, it lands; then the call goes on to the end and completes.
      view = resumed;
      await give(refusedAnswer);
      expect(acknowledged.size).toBe(5);
      expect((await calls.view(view.id)).answers).toHaveLength(5);
      while (view.current) await give(answerFor(view.current));
      await calls.complete(view.id, {
        nextAction: 'Tell the patient',
        nextActionDue: daysFromToday(1),
        reverifyDate: null,
      });

      // Nothing acknowledged is lost, and nothing else is there.
      const keysOnFile = (await calls.view(view.id)).answers.map((a) => a.key).sort();
      expect(keysOnFile).toEqual([...acknowledged].sort());
      expect(await num(db, 'SELECT count(*) AS n FROM call_answers WHERE call_id = ?', view.id)).toBe(
        acknowledged.size,
      );
      expect(await num(db, "SELECT count(*) AS n FROM calls WHERE status = 'completed'")).toBe(1);
      expect(
        await num(db, 'SELECT count(*) AS n FROM observations WHERE call_id = ?', view.id),
      ).toBeGreaterThan(0);
    } finally {
      await db.close();
    }
  });
});
