import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/shared/dates/typedDate';
import { AppError } from '../../src/shared/ipc/result';
import { openTestAppDb } from '../helpers/appDb';
import { driveCall, learningCount, plainAnswer, SCRIPTED } from '../helpers/callDriver';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_TODAY, daysFromToday } from '../helpers/testClock';
import { testServices } from '../helpers/services';
import { rows, run } from '../helpers/sqlRows';

const PLANNED = [
  { code: 'D0367', tooth: null, serviceDate: daysFromToday(18) },
  { code: 'D0330', tooth: null, serviceDate: daysFromToday(18) },
];

describe('verification calls', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, paths, now, reopen } = await openTestAppDb(tempDir);
    const deps = { db, now, actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const calls = testServices(deps.db, deps.now).calls;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const patient = await patients.save(null, patientInput());
    const other = await patients.save(null, patientInput({ firstName: 'Second', lastName: 'Synthpatient' }));
    return { db, paths, now, reopen, policies, patients, calls, plan, patient, other };
  };
  /** A call on the plan for the patient, about PLANNED, with no number dialled. */
  const startCall = (
    calls: Awaited<ReturnType<typeof setup>>['calls'],
    plan: { id: number },
    patient: { id: number },
  ) => calls.start({ patientId: patient.id, planId: plan.id, planned: PLANNED, dialedNumber: null });
  const finish = {
    nextAction: 'Submit the prior authorization',
    nextActionDue: daysFromToday(2),
    reverifyDate: null,
  };
  const expectAppError = async (fn: () => unknown, code: string, message?: RegExp) => {
    try {
      await fn();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      if (message) expect((error as AppError).message).toMatch(message);
      return;
    }
    throw new Error('expected an AppError');
  };

  it('an answer sent again for a question already answered (its reply was lost) is refused, not given to the next', async () => {
    const { db, calls, plan, patient } = await setup();
    let view = await startCall(calls, plan, patient);
    const first = view.current!;
    view = await calls.answer(view.id, SCRIPTED[first.stepId] ?? plainAnswer(first), first.key);
    const next = view.current!;
    expect(next.key).not.toBe(first.key);
    const saved = await rows(db, 'SELECT id FROM call_answers WHERE call_id = ?', view.id);
    await expectAppError(
      () => calls.answer(view.id, SCRIPTED[first.stepId] ?? plainAnswer(first), first.key),
      'conflict',
      /answered already: the call has moved on/,
    );
    expect(await rows(db, 'SELECT id FROM call_answers WHERE call_id = ?', view.id)).toEqual(saved);
    expect((await calls.view(view.id)).current?.key).toBe(next.key);
  });

  it('refuses money answers that cannot both be true, saving nothing, and takes a possible one', async () => {
    const { db, calls, plan, patient } = await setup();
    let view = await startCall(calls, plan, patient);
    /** Answers plainly (every amount $1,500.00) up to the step named. */
    const answerUpTo = async (stepId: string) => {
      for (let guard = 0; view.current && view.current.stepId !== stepId && guard < 100; guard++)
        view = await calls.answer(view.id, SCRIPTED[view.current.stepId] ?? plainAnswer(view.current));
      expect(view.current?.stepId).toBe(stepId);
    };
    const saved = async () =>
      (await rows(db, 'SELECT id FROM call_answers WHERE call_id = ?', view.id)).length;

    await answerUpTo('max_remaining');
    const before = await saved();
    await expectAppError(
      () => calls.answer(view.id, { type: 'money', value: 200_000 }),
      'validation',
      /^\$2,000\.00 left is more than the annual maximum of \$1,500\.00 the rep gave\. Check both/,
    );
    expect(await saved()).toBe(before);
    expect((await calls.view(view.id)).current?.stepId).toBe('max_remaining');
    view = await calls.answer(view.id, { type: 'money', value: 40_000 });

    await answerUpTo('deductible_family');
    await expectAppError(
      () => calls.answer(view.id, { type: 'money', value: 100_000 }),
      'validation',
      /family deductible of \$1,000\.00 is less than the individual deductible of \$1,500\.00/,
    );
    view = await calls.answer(view.id, { type: 'money', value: 300_000 });
    // Met may be the family's: only more than the larger deductible is impossible.
    await expectAppError(
      () => calls.answer(view.id, { type: 'money', value: 300_001 }),
      'validation',
      /\$3,000\.01 met is more than the deductible of \$3,000\.00/,
    );
    view = await calls.answer(view.id, { type: 'money', value: 300_000 });
    expect(view.current?.stepId).toBe('deductible_for_imaging');
    expect(await saved()).toBe(before + 4);
  });

  it('learns: the second call on the same plan asks at most 30% as many questions from scratch', async () => {
    const { db, calls, policies, plan, patient, other } = await setup();
    const first = await driveCall(
      calls,
      await calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: PLANNED,
        dialedNumber: '555-0100',
      }),
    );
    expect(first.outcomes).toEqual({ D0367: 'pa_required', D0330: 'pa_required' });
    await calls.complete(first.id, finish);
    const firstCount = learningCount(await calls.view(first.id));

    const second = await calls.start({
      patientId: other.id,
      planId: plan.id,
      planned: PLANNED,
      dialedNumber: '555-0100',
    });
    const secondDone = await driveCall(calls, second, {
      reference_number: { type: 'reference', value: 'REF-2026-002' },
    });
    await calls.complete(secondDone.id, finish);
    const secondCount = learningCount(await calls.view(second.id));
    console.log(
      `learning: first call ${firstCount.fromScratch} questions from scratch; second call on the same plan ${secondCount.fromScratch} from scratch, ${secondCount.confirmed} confirmed, ${secondCount.changed} changed (${Math.round((100 * secondCount.fromScratch) / firstCount.fromScratch)}%)`,
    );
    expect(firstCount.confirmed).toBe(0);
    // Every known plan answer was given again unchanged: true confirmations, not corrections.
    expect(secondCount.changed).toBe(0);
    expect(secondCount.fromScratch).toBeLessThanOrEqual(Math.floor(firstCount.fromScratch * 0.3));

    // What was learned is in the plan, with the call as its source.
    const cell = (await policies.getMatrix(plan.id)).rows.find((r) => r.code === 'D0367')!.cells.priorAuth;
    expect(cell).toMatchObject({ value: 'required', status: 'known' });
    expect(cell.source).toMatchObject({
      source: 'call',
      repName: 'Rep Synthetic',
      referenceNumber: 'REF-2026-002',
    });
    expect((await policies.getPlan(plan.id)).benefits.annualMaxCents).toMatchObject({
      value: 150_000,
      status: 'known',
    });
    await db.close();
  });

  it('the medical-plan branch: a linked call about the codes dental refused, learning for the medical plan', async () => {
    const { db, calls, policies, patients, plan, patient } = await setup();
    const medicalPlan = await policies.savePlan(null, {
      ...planInput(plan.payerId, 'Fictional Medical Choice'),
      planType: 'medical',
    });
    const notCovered = { type: 'yes_no_unknown', value: 'no' } as const;
    const dental = await driveCall(calls, await startCall(calls, plan, patient), { covered: notCovered });
    expect(dental.outcomes).toEqual({ D0367: 'not_covered_dental', D0330: 'not_covered_dental' });
    // Offered only once the dental call is finished, and only to a medical plan.
    expect(dental.medicalCodes).toEqual([]);
    await expectAppError(
      () => calls.startMedical(dental.id, { planId: medicalPlan.id, dialedNumber: null }),
      'conflict',
    );
    const done = await calls.complete(dental.id, finish);
    expect(done.medicalCodes).toEqual(['D0367', 'D0330']);
    await expectAppError(
      () => calls.startMedical(dental.id, { planId: plan.id, dialedNumber: null }),
      'validation',
      /medical plan/,
    );
    // Only a medical plan the patient has coverage with: the rep finds the member by its member ID.
    await expectAppError(
      () => calls.startMedical(dental.id, { planId: medicalPlan.id, dialedNumber: null }),
      'validation',
      /no coverage with that medical plan/,
    );
    await patients.saveCoverage(
      null,
      coverageInput(patient.id, medicalPlan.id, { memberId: 'MED555', effectiveDate: daysFromToday(-300) }),
    );

    const medical = await calls.startMedical(dental.id, { planId: medicalPlan.id, dialedNumber: '555-0199' });
    expect(medical).toMatchObject({ kind: 'medical', medicalCallOf: dental.id, status: 'in_progress' });
    expect(medical.plan.planName).toBe('Fictional Medical Choice');
    expect(medical.planned.map((p) => p.code)).toEqual(['D0367', 'D0330']);
    expect(medical.current!.stepId).toBe('rep_name');
    expect((await calls.view(dental.id)).medicalCalls).toEqual([medical.id]);

    const cpt = { type: 'text', value: '70486' } as const;
    const finished = await driveCall(calls, medical, {
      medical_cpt: cpt,
      medical_prior_auth: { type: 'choice', value: 'rbm' },
    });
    expect(finished.outcomes).toEqual({ D0367: 'pa_required', D0330: 'pa_required' });
    await calls.complete(finished.id, finish);
    // Its own PA items, and what it learned belongs to the medical plan, not the dental one.
    const items = await rows(
      db,
      'SELECT plan_id AS "planId", method FROM prior_auths WHERE call_id = ? ORDER BY id',
      finished.id,
    );
    const via = { planId: medicalPlan.id, method: 'Required, through a radiology benefit manager' };
    expect(items).toEqual([via, via]);
    const next = await calls.startMedical(dental.id, { planId: medicalPlan.id, dialedNumber: null });
    let view = next;
    while (view.current && view.current.stepId !== 'medical_cpt')
      view = await calls.answer(
        view.id,
        SCRIPTED[view.current.stepId] ?? view.current.known?.answer ?? plainAnswer(view.current),
      );
    expect(view.current!.known?.answer).toEqual(cpt);
    await db.close();
  });

  it('shows a known answer with where it came from, for one-key confirmation', async () => {
    const { db, calls, plan, patient, other } = await setup();
    await calls.complete((await driveCall(calls, await startCall(calls, plan, patient))).id, finish);
    let view = await calls.start({
      patientId: other.id,
      planId: plan.id,
      planned: PLANNED,
      dialedNumber: null,
    });
    while (view.current && view.current.stepId !== 'annual_max') {
      view = await calls.answer(
        view.id,
        SCRIPTED[view.current.stepId] ?? view.current.known?.answer ?? plainAnswer(view.current),
      );
    }
    expect(view.current!.known).toEqual({
      answer: { type: 'money', value: 150_000 },
      text: '$1,500.00',
      source: `said on a call ${formatDate(TEST_TODAY)}, Rep Synthetic, ref REF-2026-001`,
      status: 'known',
      conflict: [],
    });
    await db.close();
  });

  it('every answer is in the database when answer() returns: a reopened database resumes exactly there', async () => {
    const { db, reopen, now, plan, patient, calls } = await setup();
    let view = await startCall(calls, plan, patient);
    view = await calls.answer(view.id, { type: 'text', value: 'Rep Synthetic' });
    view = await calls.answer(view.id, { type: 'reference', value: 'REF-9' });
    const position = view.current!.key;
    await db.close(); // the window closes, the app crashes, the power goes: nothing was "saved" explicitly
    const reopened = await reopen();
    const again = testServices(reopened, now).calls;
    expect((await again.inProgress()).map((c) => c.id)).toEqual([view.id]);
    const resumed = await again.view(view.id);
    expect(resumed.current!.key).toBe(position);
    expect(resumed.answers.map((a) => a.key)).toEqual(['rep_name', 'reference_number']);
    expect(resumed.repName).toBe('Rep Synthetic');
    await reopened.close();
  });

  it('a dropped call is kept as partial with a call-back task due today', async () => {
    const { db, calls, plan, patient } = await setup();
    let view = await startCall(calls, plan, patient);
    view = await calls.answer(view.id, { type: 'text', value: 'Rep Synthetic' });
    const dropped = await calls.drop(view.id);
    expect(dropped).toMatchObject({
      status: 'partial',
      outcomes: { D0367: 'partial', D0330: 'partial' },
      nextActionDue: TEST_TODAY,
    });
    expect(dropped.nextAction).toMatch(/Call back/);
    expect(dropped.answers).toHaveLength(1);
    await db.close();
  });

  it('complete needs the rep, a reference (or why none), an outcome per code and a next action', async () => {
    const { db, calls, plan, patient } = await setup();
    const view = await startCall(calls, plan, patient);
    await expectAppError(() => calls.complete(view.id, finish), 'validation', /rep's name/);
    await calls.answer(view.id, { type: 'text', value: 'Rep Synthetic' });
    await calls.answer(view.id, { type: 'reference', value: null });
    await expectAppError(() => calls.complete(view.id, finish), 'validation', /reference number, or why/);
    await calls.setDetails(view.id, {
      repName: 'Rep Synthetic',
      referenceNumber: null,
      noReferenceReason: 'Rep said the system was down',
      dialedNumber: null,
      ivrNotes: null,
    });
    await expectAppError(() => calls.complete(view.id, finish), 'validation', /D0367, D0330 has none yet/);
    await db.close();
  });

  it('a completed record is locked; corrections are amendments beside the original', async () => {
    const { db, calls, plan, patient } = await setup();
    const done = await calls.complete(
      (await driveCall(calls, await startCall(calls, plan, patient))).id,
      finish,
    );
    expect(done.status).toBe('completed');
    await expectAppError(
      () => calls.answer(done.id, { type: 'text', value: 'change' }),
      'conflict',
      /amendment/,
    );
    await expect(run(db, "UPDATE calls SET rep_name = 'Someone else' WHERE id = ?", done.id)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(run(db, 'DELETE FROM call_answers')).rejects.toThrow(/never deleted/);
    const amended = await calls.amend(
      done.id,
      'Coverage for D0330 is 80%, not 100%',
      'Rep called back to correct it',
    );
    expect(amended.amendments).toEqual([
      {
        amendedAt: expect.any(String),
        amendedBy: 'Test User',
        what: 'Coverage for D0330 is 80%, not 100%',
        why: 'Rep called back to correct it',
      },
    ]);
    expect(amended.answers.length).toBe(done.answers.length);
    await db.close();
  });

  it('H starts and stops hold segments; a wrongly typed answer is refused and writes nothing', async () => {
    const { db, calls, plan, patient } = await setup();
    let view = await startCall(calls, plan, patient);
    view = await calls.toggleHold(view.id);
    expect(view.onHold).toBe(true);
    view = await calls.toggleHold(view.id);
    view = await calls.toggleHold(view.id);
    expect(view.holds).toHaveLength(2);
    await expectAppError(() => calls.answer(view.id, { type: 'money', value: 5 }), 'validation');
    expect((await calls.view(view.id)).answers).toEqual([]);
    await db.close();
  });

  it('search finds calls by every word typed (patient, payer, plan, reference, code), newest first', async () => {
    const { calls, plan, patient, other } = await setup();
    const a = await startCall(calls, plan, patient);
    const b = await calls.start({
      patientId: other.id,
      planId: plan.id,
      planned: [{ code: 'D0310', tooth: null, serviceDate: daysFromToday(18) }],
      dialedNumber: null,
    });
    await calls.answer(b.id, { type: 'text', value: 'Rep Synthetic' });
    await calls.answer(b.id, { type: 'reference', value: 'XREF-77' });
    expect((await calls.search('')).map((c) => c.id)).toEqual([b.id, a.id]);
    expect((await calls.search('synthpatient')).map((c) => c.id)).toEqual([b.id]);
    expect((await calls.search('xref-77')).map((c) => c.id)).toEqual([b.id]);
    expect((await calls.search('d0367')).map((c) => c.id)).toEqual([a.id]);
    // Every word must match: Second Synthpatient never had D0367 on a call.
    expect(await calls.search('synthpatient D0367')).toEqual([]);
    expect(await calls.search('  ')).toHaveLength(2);
    // The last word may be the start of a word; any order, any case or accent.
    expect((await calls.search('SECOND synthp')).map((c) => c.id)).toEqual([b.id]);
    expect(await calls.search('synthp second')).toEqual([]);
    expect((await calls.search('xre')).map((c) => c.id)).toEqual([b.id]);
  });

  it('search follows renamed patients, plans and payers at once (the index is kept by triggers)', async () => {
    const { calls, policies, patients, plan, patient } = await setup();
    const call = await startCall(calls, plan, patient);
    expect((await calls.search('qzxlast')).map((c) => c.id)).toEqual([call.id]);
    await patients.save(patient.id, patientInput({ lastName: 'Newsurname' }));
    expect(await calls.search('qzxlast')).toEqual([]);
    expect((await calls.search('newsurn')).map((c) => c.id)).toEqual([call.id]);
    await policies.savePlan(plan.id, planInput(plan.payerId, 'Fictional Renamed Silver'));
    expect(await calls.search('gold')).toEqual([]);
    expect((await calls.search('renamed silver')).map((c) => c.id)).toEqual([call.id]);
    await policies.savePayer(plan.payerId, payerInput('Fictional Otherwise Mutual (sample)'));
    expect((await calls.search('otherwise')).map((c) => c.id)).toEqual([call.id]);
    expect((await calls.search('newsurname renamed otherwise d0330')).map((c) => c.id)).toEqual([call.id]);
  });

  it('search treats quotes, operators and symbols as plain text, never as query syntax', async () => {
    const { calls, plan, patient } = await setup();
    await startCall(calls, plan, patient);
    for (const hostile of [
      '"',
      'qzx" OR "',
      'NEAR(a b)',
      '*',
      'a AND',
      '-',
      '^qzx',
      'col:val',
      "'; DROP TABLE calls;--",
    ]) {
      await expect(calls.search(hostile)).resolves.not.toThrow();
    }
    expect(await calls.search('"qzxlast"')).toHaveLength(1);
    expect(await calls.search('qzxlast OR nobody')).toEqual([]); // OR is a word here, and no call has it
  });
});
