// Several desks on one office database (PostgreSQL only; the db-pg project runs this folder): each desk
// is its own pool of connections to the same server database, as two computers are. The audit trail
// stays one valid chain while both append at once, two calls on the same plan completed at once both
// land in the ledger, and a PA item changed at one desk refuses the other desk's edit made from the
// older copy, naming who changed it.
import { describe, expect, it, vi } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../src/main/audit/auditLog';
import type { AppDb } from '../../../src/main/db/appDb';
import * as locks from '../../../src/main/db/engine/locks';
import type { PriorAuth } from '../../../src/shared/priorAuth/priorAuthViews';
import { openTestAppDb } from '../../helpers/appDb';
import { driveCall } from '../../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../../helpers/policyFixtures';
import { paPatch } from '../../helpers/priorAuthPatch';
import { testServices } from '../../helpers/services';
import { num } from '../../helpers/sqlRows';
import { listForSubject } from '../../../src/main/ledger/ledgerRepo';
import { daysFromToday, fixedClock } from '../../helpers/testClock';
import { useTempDirs } from '../../helpers/tempDir';

const now = fixedClock();

/** The office database and a second desk's own connection to it (each with this desk's catalog). */
async function twoDesks(tempDir: () => string): Promise<{ one: AppDb; two: AppDb }> {
  const opened = await openTestAppDb(tempDir, now);
  return { one: opened.db, two: await opened.reopen() };
}

/** `count` appends from each desk, all started at once; the outcome of each. */
async function appendAtOnce(desks: AppDb[], count: number) {
  return Promise.allSettled(
    desks.flatMap((desk, d) =>
      Array.from({ length: count }, (_, i) =>
        appendAudit(
          desk,
          { who: null, otherwise: `desk ${d + 1}`, action: 'view', entity: 'test', entityId: i },
          now(),
        ),
      ),
    ),
  );
}

describe('several desks on one office database', () => {
  const tempDir = useTempDirs();

  it('keeps one valid audit chain while two desks append at once', async () => {
    const { one, two } = await twoDesks(tempDir);
    try {
      const before = await num(one, 'SELECT count(*) AS n FROM audit_log');
      const outcomes = await appendAtOnce([one, two], 25);
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
      expect(await num(one, 'SELECT count(*) AS n FROM audit_log')).toBe(before + 50);
      expect(await verifyAuditChain(one)).toMatchObject({ ok: true, firstBadId: null });
      expect((await verifyAuditChain(two)).ok).toBe(true);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('control: without the audit lock, appends from two desks collide', async () => {
    const { one, two } = await twoDesks(tempDir);
    const spy = vi.spyOn(locks, 'lockAuditTrail').mockResolvedValue(undefined);
    try {
      const outcomes = await appendAtOnce([one, two], 25);
      // Two desks read the same last entry and both write the next: one of them is refused.
      expect(outcomes.some((o) => o.status === 'rejected')).toBe(true);
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('refuses a PA edit made from the older copy at the other desk, naming who changed it', async () => {
    const { one, two } = await twoDesks(tempDir);
    try {
      const atOne = testServices(one, now, { actor: () => 'Desk One' });
      const atTwo = testServices(two, now, { actor: () => 'Desk Two' });
      const plan = await atOne.policies.savePlan(
        null,
        planInput((await atOne.policies.savePayer(null, payerInput())).id),
      );
      const patient = await atOne.patients.save(null, patientInput());
      const call = await driveCall(
        atOne.calls,
        await atOne.calls.start({
          patientId: patient.id,
          planId: plan.id,
          planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
          dialedNumber: null,
        }),
      );
      await atOne.calls.complete(call.id, {
        nextAction: 'Submit the PA',
        nextActionDue: daysFromToday(1),
        reverifyDate: null,
      });
      // Both desks have the worklist open on the same item.
      const [seenAtOne] = await atOne.priorAuths.worklist();
      const [seenAtTwo] = await atTwo.priorAuths.worklist();
      expect(seenAtOne!.id).toBe(seenAtTwo!.id);
      // Both save at the same moment from the copy they opened: exactly one lands.
      const outcomes = await Promise.allSettled([
        atOne.priorAuths.update(seenAtOne!.id, paPatch(seenAtOne!, { method: 'Portal' }), seenAtOne!.version),
        atTwo.priorAuths.update(seenAtTwo!.id, paPatch(seenAtTwo!, { method: 'Fax' }), seenAtTwo!.version),
      ]);
      const landed = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect(landed).toHaveLength(1);
      expect(refused).toHaveLength(1);
      const winner = (landed[0] as PromiseFulfilledResult<PriorAuth>).value;
      expect(refused[0]!.reason).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(
          new RegExp(
            `^${winner.method === 'Portal' ? 'Desk One' : 'Desk Two'} changed this prior authorization at .*Nothing was saved`,
          ),
        ),
      });
      // What is on file is the winner's change, at the next version, on both desks.
      const [after] = await atTwo.priorAuths.worklist();
      expect(after).toMatchObject({ method: winner.method, version: seenAtOne!.version + 1 });
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
  it('two coordinators completing calls on the same plan at the same time both land in the ledger', async () => {
    const { one, two } = await twoDesks(tempDir);
    try {
      const atOne = testServices(one, now, { actor: () => 'Desk One' });
      const atTwo = testServices(two, now, { actor: () => 'Desk Two' });
      const plan = await atOne.policies.savePlan(
        null,
        planInput((await atOne.policies.savePayer(null, payerInput())).id),
      );
      const ann = await atOne.patients.save(null, patientInput({ firstName: 'Ann' }));
      const ben = await atTwo.patients.save(null, patientInput({ firstName: 'Ben' }));
      const callAt = async (desk: typeof atOne, patientId: number) => {
        const view = await driveCall(
          desk.calls,
          await desk.calls.start({
            patientId,
            planId: plan.id,
            planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
            dialedNumber: null,
          }),
        );
        await desk.calls.complete(view.id, {
          nextAction: 'Tell the patient',
          nextActionDue: daysFromToday(1),
          reverifyDate: null,
        });
        return view.id;
      };
      // Both calls run and complete at once, each at its own desk.
      const [first, second] = await Promise.all([callAt(atOne, ann.id), callAt(atTwo, ben.id)]);
      const byCall = (await listForSubject(one, { kind: 'plan', id: plan.id })).reduce(
        (counts, o) => counts.set(o.callId, (counts.get(o.callId) ?? 0) + 1),
        new Map<number | null, number>(),
      );
      // Each call's answers about the plan are on file, from the call that gave them.
      expect(byCall.get(first)).toBeGreaterThan(0);
      expect(byCall.get(second)).toBeGreaterThan(0);
      expect(await num(two, "SELECT count(*) AS n FROM calls WHERE status = 'completed'")).toBe(2);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});
