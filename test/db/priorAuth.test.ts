// The prior-authorization tracker: items are born from a completed call that found "PA required", move
// through submission to a decision with validation, and keep an append-only history.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/ipc/result';
import { openTestAppDb } from '../helpers/appDb';
import { driveCall } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { paPatch } from '../helpers/priorAuthPatch';
import { rows, run } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_TODAY, daysFromToday } from '../helpers/testClock';
import { testServices } from '../helpers/services';

describe('prior-authorization tracker', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const deps = { db, now, actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const calls = testServices(deps.db, deps.now).calls;
    const priorAuths = testServices(deps.db, deps.now).priorAuths;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const patient = await patients.save(null, patientInput());
    const call = await driveCall(
      calls,
      await calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [
          { code: 'D0367', tooth: null, serviceDate: daysFromToday(18) },
          { code: 'D0330', tooth: null, serviceDate: daysFromToday(18) },
        ],
        dialedNumber: null,
      }),
    );
    await calls.complete(call.id, {
      nextAction: 'Submit the PA',
      nextActionDue: daysFromToday(1),
      reverifyDate: null,
    });
    return { db, priorAuths, calls, patient, plan };
  };
  /** Another call on the same patient and plan that finds D0367 needs prior authorization. */
  const callAgain = async (
    { calls, patient, plan }: Awaited<ReturnType<typeof setup>>,
    serviceDate = daysFromToday(18),
  ) => {
    const call = await driveCall(
      calls,
      await calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0367', tooth: null, serviceDate }],
        dialedNumber: null,
      }),
    );
    await calls.complete(call.id, {
      nextAction: 'Check the PA',
      nextActionDue: daysFromToday(1),
      reverifyDate: null,
    });
    return call.id;
  };
  const refused = async (fn: () => unknown, field: string) => {
    try {
      await fn();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe(field);
      return;
    }
    throw new Error('expected a validation error');
  };

  it('a completed call with "PA required" puts each code on the worklist, with how to submit it', async () => {
    const { priorAuths } = await setup();
    const list = await priorAuths.worklist();
    expect(list.map((p) => p.code).sort()).toEqual(['D0330', 'D0367']);
    for (const item of list) {
      expect(item.status).toBe('to_submit');
      expect(item.method).toBe('Portal');
      expect(item.serviceDate).toBe(daysFromToday(18));
      expect(item.flags).toEqual(['submit', 'not_decided_by_appointment']);
    }
  });

  it('a second call finding the same requirement adds to the item it already has, not a second item', async () => {
    const ctx = await setup();
    const { priorAuths } = ctx;
    const first = (await priorAuths.worklist()).find((p) => p.code === 'D0367')!;
    const secondCall = await callAgain(ctx);
    const d0367 = (await priorAuths.worklist()).filter((p) => p.code === 'D0367');
    expect(d0367.map((p) => p.id)).toEqual([first.id]);
    const history = await priorAuths.history(first.id);
    expect(history.map(({ byUser, status, note }) => ({ byUser, status, note }))).toEqual([
      {
        byUser: 'Test User',
        status: 'to_submit',
        note: `Created from call #${first.callId}, which found prior authorization required.`,
      },
      {
        byUser: 'Test User',
        status: 'to_submit',
        note: `Call #${secondCall} also found prior authorization required; this item already tracks it.`,
      },
    ]);
    await expect(priorAuths.history(first.id + 1000)).rejects.toThrow(/does not exist/);

    // Another appointment is another request; so is a new request after a denial.
    await callAgain(ctx, daysFromToday(40));
    expect((await priorAuths.worklist()).filter((p) => p.code === 'D0367')).toHaveLength(2);
    await priorAuths.update(first.id, paPatch(first, { status: 'denied', submittedOn: TEST_TODAY }));
    await callAgain(ctx);
    const open = (await priorAuths.worklist()).filter((p) => p.code === 'D0367');
    expect(open.map((p) => p.serviceDate).sort()).toEqual([daysFromToday(18), daysFromToday(40)]);
    expect(open.map((p) => p.id)).not.toContain(first.id);
  });

  it('moves from submitted to approved, refusing what a person must fix, and keeps the history', async () => {
    const { db, priorAuths } = await setup();
    const item = (await priorAuths.worklist())[0]!;
    await refused(() => priorAuths.update(item.id, paPatch(item, { status: 'submitted' })), 'submittedOn');

    const submitted = await priorAuths.update(
      item.id,
      paPatch(item, { status: 'submitted', submittedOn: TEST_TODAY, decisionExpectedOn: daysFromToday(-2) }),
    );
    // The decision was expected two days ago and the appointment is still ahead.
    expect(submitted.flags).toEqual(['decision_overdue']);
    const late = await priorAuths.update(
      item.id,
      paPatch(submitted, { decisionExpectedOn: daysFromToday(23) }),
    );
    expect(late.flags).toEqual(['not_decided_by_appointment']);

    await refused(
      () => priorAuths.update(item.id, paPatch(late, { status: 'approved', validTo: daysFromToday(70) })),
      'authNumber',
    );
    await refused(
      () =>
        priorAuths.update(
          item.id,
          paPatch(late, {
            status: 'approved',
            authNumber: 'AUTH-1',
            validFrom: daysFromToday(71),
            validTo: daysFromToday(70),
          }),
        ),
      'validTo',
    );
    const shortApproval = await priorAuths.update(
      item.id,
      paPatch(late, {
        status: 'approved',
        authNumber: 'AUTH-1',
        validFrom: daysFromToday(3),
        validTo: daysFromToday(13),
      }),
    );
    expect(shortApproval.flags).toEqual(['expires_before_appointment']);
    const approved = await priorAuths.update(
      item.id,
      paPatch(shortApproval, { validTo: daysFromToday(98), approvedUnits: 1 }),
    );
    expect(approved.flags).toEqual([]);
    expect(approved.authNumber).toBe('AUTH-1');

    const history = await rows<{ status: string }>(
      db,
      'SELECT status FROM prior_auth_events WHERE prior_auth_id = ? ORDER BY id',
      item.id,
    );
    expect(history.map((h) => h.status)).toEqual(['to_submit', 'submitted', 'approved']);
    await expect(run(db, 'DELETE FROM prior_auth_events')).rejects.toThrow(/append-only/);
    await expect(run(db, "UPDATE prior_auth_events SET status = 'denied'")).rejects.toThrow(/append-only/);
  });

  it('an unknown item is not_found, and a refused change writes nothing', async () => {
    const { priorAuths } = await setup();
    const item = (await priorAuths.worklist())[0]!;
    await expect(priorAuths.update(9999, paPatch(item, {}))).rejects.toThrow(/does not exist/);
    await refused(
      () => priorAuths.update(item.id, paPatch(item, { status: 'approved', submittedOn: TEST_TODAY })),
      'authNumber',
    );
    expect((await priorAuths.worklist()).find((p) => p.id === item.id)!.status).toBe('to_submit');
  });

  it('the worklist holds every undecided item and approvals still ahead; closed and past items leave it', async () => {
    const { db, priorAuths } = await setup();
    const [item] = await priorAuths.worklist();
    const listed = async (status: string, serviceDate: string) => {
      await run(
        db,
        `UPDATE prior_auths SET status = ?, service_date = ?, auth_number = 'AUTH-9', valid_to = ?
         WHERE id = ?`,
        status,
        serviceDate,
        daysFromToday(220),
        item!.id,
      );
      return (await priorAuths.worklist()).some((p) => p.id === item!.id);
    };
    for (const status of ['to_submit', 'submitted', 'more_info', 'appeal']) {
      expect(await listed(status, daysFromToday(18)), status).toBe(true);
      expect(await listed(status, daysFromToday(-52)), `${status}, appointment passed`).toBe(true);
    }
    expect(await listed('approved', TEST_TODAY)).toBe(true); // the appointment is today
    expect(await listed('approved', daysFromToday(-1))).toBe(false);
    expect(await listed('denied', daysFromToday(18))).toBe(false);
    expect(await listed('expired', daysFromToday(18))).toBe(false);
  });
});
