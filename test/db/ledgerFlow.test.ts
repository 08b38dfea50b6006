// What a rep says on a call becomes the record: each answer compared with the file (new, confirmed,
// changed with what it replaced), read back when changed, kept in the ledger with the old value beside it,
// and used by the estimate, the to-do list and the next call. Over the real services and a temp database.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates/calendar';
import { formatDate } from '../../src/shared/dates/typedDate';
import { AppError } from '../../src/shared/ipc/result';
import type { Observation } from '../../src/shared/ledger/ledgerTypes';
import type { CallView } from '../../src/shared/script/callViews';
import type { Answer } from '../../src/shared/script/scriptTypes';
import { listForSubject } from '../../src/main/ledger/ledgerRepo';
import { upsertOfficeFee } from '../../src/main/db/repositories/feeRepo';
import { openTestAppDb } from '../helpers/appDb';
import { plainAnswer, SCRIPTED } from '../helpers/callDriver';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { rows, run } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import {
  atNoon,
  benefitYearStartMonthAroundToday,
  daysFromToday,
  manualClock,
  TEST_NOW,
  TEST_TODAY,
} from '../helpers/testClock';

const APPOINTMENT = daysFromToday(18);
/** Every call here says the benefit year holds both calls and the appointment (the renewal is not the point). */
const BENEFIT_YEAR: Record<string, Answer> = {
  benefit_year_start: { type: 'choice', value: String(benefitYearStartMonthAroundToday()) },
};

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('the ledger through a call', () => {
  const tempDir = useTempDirs();

  async function setup() {
    const clock = manualClock(atNoon(daysFromToday(-40)));
    const { db } = await openTestAppDb(tempDir, clock.now);
    const s = testServices(db, clock.now);
    const plan = await s.policies.savePlan(
      null,
      planInput((await s.policies.savePayer(null, payerInput())).id),
    );
    const patient = await s.patients.save(null, patientInput());
    const coverage = (
      await s.patients.saveCoverage(
        null,
        coverageInput(patient.id, plan.id, { effectiveDate: daysFromToday(-400) }),
      )
    ).coverages[0]!;
    await upsertOfficeFee(db, { code: 'D0367', cents: 120_000 }, clock.now().toISOString());
    return { db, clock, s, plan, patient, coverage };
  }

  /** Answers the call to its end: `answers` by step id, else what is on file, else a plain answer. */
  async function run(s: ReturnType<typeof testServices>, start: CallView, answers: Record<string, Answer>) {
    let view = start;
    const readBacks: NonNullable<CallView['pendingReadBack']>[] = [];
    for (let guard = 0; view.current && guard < 500; guard++) {
      const c = view.current;
      view = await s.calls.answer(
        view.id,
        answers[c.stepId] ??
          BENEFIT_YEAR[c.stepId] ??
          SCRIPTED[c.stepId] ??
          c.known?.answer ??
          plainAnswer(c),
      );
      if (view.pendingReadBack) {
        readBacks.push(view.pendingReadBack);
        // Until it is read back, nothing else may be answered.
        expect(
          (await refusal(() => s.calls.answer(view.id, plainAnswer(view.current ?? c)))).message,
        ).toMatch(/read.*back/i);
        view = await s.calls.confirmReadBack(view.id, view.pendingReadBack.key);
      }
    }
    return { view, readBacks };
  }

  const money = (value: number): Answer => ({ type: 'money', value });

  it('a changed answer is "changed", shows what it replaces, is read back, and keeps the old value on record', async () => {
    const { db, clock, s, plan, patient } = await setup();
    // On file: a deductible of $50 from a call 34 days before call 1 (Denise K, ref 4471).
    const first = await run(
      s,
      await s.calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT }],
        dialedNumber: null,
      }),
      {
        rep_name: { type: 'text', value: 'Denise K' },
        reference_number: { type: 'reference', value: '4471' },
        deductible_individual: money(5_000),
        category: { type: 'choice', value: 'major' },
        frequency: { type: 'frequency', value: { count: 1, per: 'lifetime', months: null, sharedWith: [] } },
      },
    );
    await s.calls.complete(first.view.id, { nextAction: 'x', nextActionDue: TEST_TODAY, reverifyDate: null });
    expect(first.readBacks).toEqual([]);

    clock.set(TEST_NOW);
    const second = await run(
      s,
      await s.calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT }],
        dialedNumber: null,
      }),
      {
        rep_name: { type: 'text', value: 'Rep X' },
        reference_number: { type: 'reference', value: 'R-2' },
        deductible_individual: money(150_000),
        category: { type: 'choice', value: 'diagnostic' },
        frequency: { type: 'frequency', value: { count: 1, per: 'months', months: 36, sharedWith: [] } },
      },
    );
    const callDay = formatDate(daysFromToday(-40));
    expect(second.readBacks.map((r) => [r.label, r.was.text, r.now])).toEqual([
      ['Deductible (individual)', '$50.00', '$1,500.00'],
      ['Category', 'Major', 'Diagnostic'],
      ['Frequency limit', '1 per lifetime', '1 per 36 months'],
    ]);
    expect(second.readBacks[0]!.was.source).toBe(`said on a call ${callDay}, Denise K, ref 4471`);
    const byKey = new Map(second.view.answers.map((a) => [a.key, a]));
    expect(byKey.get('deductible_individual')).toMatchObject({
      comparison: 'changed',
      onFile: { text: '$50.00' },
      readBackAt: expect.any(String),
    });
    expect(byKey.get('annual_max')).toMatchObject({ comparison: 'confirmed', readBackAt: null });
    await s.calls.complete(second.view.id, {
      nextAction: 'x',
      nextActionDue: TEST_TODAY,
      reverifyDate: null,
    });

    // Nothing overwritten: both statements are in the ledger; the new one wins; reps disagree within the
    // window, so the plan shows a conflict naming both.
    const field = (await s.policies.getPlan(plan.id)).benefits.deductibleIndividualCents!;
    expect(field).toMatchObject({ value: 150_000, status: 'conflict', statements: 2 });
    expect(field.conflict.map((o) => [o.value, o.repName])).toEqual([
      [150_000, 'Rep X'],
      [5_000, 'Denise K'],
    ]);
    expect(
      (await s.ledger.history({ kind: 'plan', id: plan.id }, 'deductibleIndividualCents', '')).map(
        (o) => o.value,
      ),
    ).toEqual([150_000, 5_000]);

    // A third call on the same plan confirms the new value with one key: the disagreement is settled.
    const third = await run(
      s,
      await s.calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT }],
        dialedNumber: null,
      }),
      { reference_number: { type: 'reference', value: 'R-3' } },
    );
    expect(third.readBacks).toEqual([]);
    expect(third.view.answers.find((a) => a.key === 'deductible_individual')).toMatchObject({
      comparison: 'confirmed',
      onFile: { text: '$1,500.00' },
    });
    await s.calls.complete(third.view.id, { nextAction: 'x', nextActionDue: TEST_TODAY, reverifyDate: null });
    expect((await s.policies.getPlan(plan.id)).benefits.deductibleIndividualCents).toMatchObject({
      value: 150_000,
      status: 'known',
    });
    await db.close();
  });

  it('a person settles a conflict by choosing an answer; the choice is recorded as theirs', async () => {
    const { db, s, plan } = await setup();
    const subject = { kind: 'plan' as const, id: plan.id };
    const a = (
      await s.ledger.record(subject, [{ field: 'annualMaxCents', value: 100_000 }], {
        source: 'pack',
        repName: 'Rep A',
      })
    )[0]!;
    await s.ledger.record(subject, [{ field: 'annualMaxCents', value: 150_000 }], {
      source: 'pack',
      repName: 'Rep B',
    });
    expect((await s.ledger.derive(subject, 'annualMaxCents')).status).toBe('conflict');
    const decision = await s.ledger.resolve(subject, 'annualMaxCents', '', a.uid);
    expect(decision).toMatchObject({ source: 'resolution', value: 100_000, recordedBy: 'Test User' });
    expect(decision.sourceDetail).toMatch(/^Chose the answer of Rep A, .* over Rep B/);
    expect(await s.ledger.derive(subject, 'annualMaxCents')).toMatchObject({
      value: 100_000,
      status: 'known',
    });
    expect(await s.ledger.history(subject, 'annualMaxCents', '')).toHaveLength(3);
    await db.close();
  });

  it('what the rep says about this patient reaches the coverage, the history and the estimate', async () => {
    const { db, s, plan, patient, coverage } = await setup();
    const paid = await run(
      s,
      await s.calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT }],
        dialedNumber: null,
      }),
      {
        network_status: { type: 'choice', value: 'in_network' },
        annual_max: money(150_000),
        max_remaining: money(100_000),
        deductible_individual: money(5_000),
        deductible_met: money(2_000),
        coverage_percent: { type: 'percent', value: 5000 },
        category: { type: 'choice', value: 'major' },
        allowed_fee: money(90_000),
        last_service_date: { type: 'date', value: daysFromToday(-1200) },
        frequency: { type: 'frequency', value: { count: 1, per: 'months', months: 36, sharedWith: [] } },
        prior_auth: { type: 'choice', value: 'not_required' },
      },
    );
    await s.calls.complete(paid.view.id, { nextAction: 'x', nextActionDue: TEST_TODAY, reverifyDate: null });
    const seen = await s.patients.get(patient.id);
    expect(seen.coverages[0]).toMatchObject({
      maxRemaining: { value: 100_000, source: { source: 'call', callId: paid.view.id } },
      deductibleMet: { value: 2_000, source: { source: 'call' } },
    });
    expect(seen.serviceHistory.map((h) => [h.code, h.serviceDate, h.source, h.statement.callId])).toEqual([
      ['D0367', daysFromToday(-1200), 'payer', paid.view.id],
    ]);
    // Worked by hand: allowed $900 (the rep's); deductible left $50 - $20 = $30; (900 - 30) x 50% = $435;
    // maximum left $1,000 covers it; write-off $300; patient $1,200 - 435 - 300 = $465.
    const estimate = await s.estimates.compute({
      patientId: patient.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT, feeCents: null }],
    });
    expect(estimate.lines[0]).toMatchObject({
      insuranceCents: 43_500,
      writeOffCents: 30_000,
      patientCents: 46_500,
    });
    expect(estimate.lines[0]!.flags.map((f) => f.code)).not.toContain('allowed_unknown');
    expect(estimate.coverageTotals[0]).toMatchObject({
      maxRemainingCents: 100_000 - 43_500,
      deductibleRemainingCents: 0,
    });
    expect(estimate.lines[0]!.coverages[0]!.notes.map((n) => n.code)).not.toContain('max_unknown');
    void coverage;
    await db.close();
  });

  it('an approved prior authorization reaches the estimate; one ending before the visit or for another code says so', async () => {
    const { db, s, plan, patient } = await setup();
    const call = await run(
      s,
      await s.calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [
          { code: 'D0367', tooth: null, serviceDate: APPOINTMENT },
          { code: 'D0368', tooth: null, serviceDate: APPOINTMENT },
        ],
        dialedNumber: null,
      }),
      { prior_auth: { type: 'choice', value: 'required' } },
    );
    expect(call.view.suggestedNext).toEqual({
      action: 'Submit the PA for D0367, D0368',
      due: daysFromToday(-38),
    });
    await s.calls.complete(call.view.id, {
      nextAction: call.view.suggestedNext.action,
      nextActionDue: call.view.suggestedNext.due,
      reverifyDate: null,
    });
    const [d0367, d0368] = await s.priorAuths.worklist();
    const patch = {
      method: null,
      contact: null,
      attachments: null,
      decisionExpectedOn: null,
      approvedUnits: null,
      validFrom: null,
    };
    await s.priorAuths.update(d0367!.id, {
      ...patch,
      status: 'approved',
      submittedOn: daysFromToday(-40),
      authNumber: 'AUTH-77',
      validTo: addDays(APPOINTMENT, 60),
    });
    const line = async (code: string) =>
      (
        await s.estimates.compute({
          patientId: patient.id,
          selfPay: false,
          lines: [{ code, tooth: null, serviceDate: APPOINTMENT, feeCents: 100_000 }],
        })
      ).lines[0]!;
    expect((await line('D0367')).priorAuth[0]).toMatchObject({
      status: 'approved',
      authNumber: 'AUTH-77',
      validTo: addDays(APPOINTMENT, 60),
    });
    expect((await line('D0367')).flags.map((f) => f.code)).not.toContain('prior_auth_required');
    // D0368 still to submit: it has its own request, not yet sent.
    expect((await line('D0368')).priorAuth[0]!.status).toBe('not_requested');
    await s.priorAuths.update(d0368!.id, {
      ...patch,
      status: 'denied',
      submittedOn: daysFromToday(-40),
      authNumber: null,
      validTo: null,
    });
    expect(await line('D0368')).toMatchObject({ insuranceCents: 0, priorAuth: [{ status: 'denied' }] });
    await s.priorAuths.update(d0367!.id, {
      ...patch,
      status: 'approved',
      submittedOn: daysFromToday(-40),
      authNumber: 'AUTH-77',
      validTo: addDays(APPOINTMENT, -1),
    });
    expect((await line('D0367')).priorAuth[0]!.status).toBe('expires_before');
    expect((await line('D0367')).flags.map((f) => f.text).join(' ')).toMatch(
      /the approval AUTH-77 ends .*, before the date of service/,
    );
    await db.close();
  });

  it('before dialling: an unknown code and a deleted one are refused; a date outside the coverage warns', async () => {
    const { db, s, plan, patient, coverage } = await setup();
    const start = (planned: Array<{ code: string; serviceDate: string }>, acceptWarnings?: boolean) =>
      s.calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: planned.map((p) => ({ ...p, tooth: null })),
        dialedNumber: null,
        ...(acceptWarnings ? { acceptWarnings } : {}),
      });
    const unknown = await refusal(() => start([{ code: 'D9999', serviceDate: APPOINTMENT }]));
    expect(unknown).toMatchObject({ code: 'validation', field: 'planned.0.code' });
    expect(unknown.message).toBe('D9999 is not a CDT code VerifyDesk knows. Check the number.');
    const deleted = await refusal(() =>
      start([
        { code: 'D0367', serviceDate: APPOINTMENT },
        { code: 'D0351', serviceDate: APPOINTMENT },
      ]),
    );
    expect(deleted.field).toBe('planned.1.code');
    expect(deleted.message).toMatch(
      /^D0351 was deleted \(last valid 12\/31\/2022\), so a payer will refuse it\. Use D08\d\d/,
    );

    await s.patients.saveCoverage(
      coverage.id,
      coverageInput(patient.id, plan.id, { effectiveDate: addDays(APPOINTMENT, 10) }),
    );
    const early = await refusal(() => start([{ code: 'D0367', serviceDate: APPOINTMENT }]));
    expect(early).toMatchObject({ code: 'conflict', field: 'acceptWarnings' });
    expect(early.message).toBe(
      `The date of service ${formatDate(APPOINTMENT)} is before this coverage starts (${formatDate(addDays(APPOINTMENT, 10))}).`,
    );
    expect(await s.calls.inProgress()).toEqual([]);
    expect((await start([{ code: 'D0367', serviceDate: APPOINTMENT }], true)).status).toBe('in_progress');
    await db.close();
  });

  it('one to-do list: call next steps, PAs to submit, call-backs and re-verify items; owner, done and snooze', async () => {
    const { db, clock, s, plan, patient } = await setup();
    clock.set(TEST_NOW);
    const planned = [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT }];
    const pa = await run(
      s,
      await s.calls.start({ patientId: patient.id, planId: plan.id, planned, dialedNumber: null }),
      {
        prior_auth: { type: 'choice', value: 'required' },
      },
    );
    await s.calls.complete(pa.view.id, {
      nextAction: pa.view.suggestedNext.action,
      nextActionDue: pa.view.suggestedNext.due,
      reverifyDate: null,
    });
    const other = await s.patients.save(
      null,
      patientInput({ firstName: 'Second', lastName: 'Synthpatient' }),
    );
    await s.patients.saveCoverage(null, coverageInput(other.id, plan.id));
    const dropped = await s.calls.answer(
      (await s.calls.start({ patientId: other.id, planId: plan.id, planned, dialedNumber: null })).id,
      { type: 'text', value: 'Rep' },
    );
    await s.calls.drop(dropped.id);
    const third = await s.patients.save(null, patientInput({ firstName: 'Third', lastName: 'Synthpatient' }));
    await s.patients.saveCoverage(null, coverageInput(third.id, plan.id));
    await s.estimates.save({
      patientId: third.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: APPOINTMENT, feeCents: null }],
    });

    const list = await s.todos.list();
    expect(list.map((i) => [i.kind, i.patientName, i.title])).toEqual(
      expect.arrayContaining([
        ['pa_submit', 'Mrkfirst Qzxlast', 'Submit the PA for D0367 (Portal)'],
        ['call_back', 'Second Synthpatient', 'Call back: the call dropped before it was finished.'],
        [
          'reverify',
          'Third Synthpatient',
          `Verify benefits before the ${formatDate(APPOINTMENT)} appointment`,
        ],
      ]),
    );
    // The PA item stands for the call's "submit the PA" step: listed once, not twice.
    expect(list.filter((i) => i.patientName === 'Mrkfirst Qzxlast')).toHaveLength(1);
    const back = list.find((i) => i.kind === 'call_back')!;
    expect(back).toMatchObject({ due: TEST_TODAY, owner: 'Test User', canVerify: true, codes: ['D0367'] });

    const taken = await s.todos.update({ key: back.key, version: back.version, owner: 'Desk Two' });
    expect(taken).toMatchObject({ owner: 'Desk Two', version: 1 });
    // Someone else's change, made from the older copy, is refused with who changed it.
    const stale = await refusal(() => s.todos.update({ key: back.key, version: back.version, done: true }));
    expect(stale).toMatchObject({ code: 'conflict' });
    expect(stale.message).toMatch(/^Test User changed this to-do/);
    const done = await s.todos.update({ key: back.key, version: taken.version, done: true });
    expect(done.doneBy).toBe('Test User');
    expect((await s.todos.list()).some((i) => i.key === back.key)).toBe(false);
    expect((await s.todos.list({ includeDone: true })).some((i) => i.key === back.key)).toBe(true);
    const re = (await s.todos.list()).find((i) => i.kind === 'reverify')!;
    expect(
      (await refusal(() => s.todos.update({ key: re.key, version: 0, snoozedUntil: TEST_TODAY }))).field,
    ).toBe('snoozedUntil');
    await s.todos.update({ key: re.key, version: 0, snoozedUntil: daysFromToday(2) });
    expect((await s.todos.list()).some((i) => i.key === re.key)).toBe(false);
    clock.set(atNoon(daysFromToday(2)));
    expect((await s.todos.list()).some((i) => i.key === re.key)).toBe(true);
    expect(await rows(db, 'SELECT what FROM todo_events ORDER BY id')).toEqual([
      { what: 'owner set to Desk Two' },
      { what: 'marked done' },
      { what: `snoozed until ${formatDate(daysFromToday(2))}` },
    ]);
    await db.close();
  });
});

describe('the ledger keeps every statement', () => {
  const tempDir = useTempDirs();

  it('random statements, withdrawals and decisions: every one is read back exactly as written, none lost', async () => {
    const { db } = await openTestAppDb(tempDir);
    const s = testServices(db);
    const plan = await s.policies.savePlan(
      null,
      planInput((await s.policies.savePayer(null, payerInput())).id),
    );
    const subject = { kind: 'plan' as const, id: plan.id };
    const written: Observation[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            field: fc.constantFrom('annualMaxCents', 'deductibleIndividualCents'),
            value: fc.oneof(fc.integer({ min: 0, max: 500_000 }), fc.constant(null)),
            source: fc.constantFrom('manual', 'pack', 'eob'),
            daysAgo: fc.integer({ min: 0, max: 200 }),
            withdraw: fc.boolean(),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        async (steps) => {
          for (const step of steps) {
            if (step.withdraw && written.length > 0) {
              written.push(await s.ledger.retract(written[written.length - 1]!.uid, 'entered in error'));
              continue;
            }
            written.push(
              ...(await s.ledger.record(subject, [{ field: step.field, value: step.value }], {
                source: step.source as 'manual',
                observedOn: daysFromToday(-step.daysAgo),
              })),
            );
          }
          expect(await listForSubject(db, subject)).toEqual(written);
        },
      ),
      { numRuns: 40 },
    );
    await expect(run(db, 'UPDATE observations SET value_json = ? WHERE id = 1', '0')).rejects.toThrow(
      /never changed/,
    );
    await expect(run(db, 'DELETE FROM observations WHERE id = 1')).rejects.toThrow(/never deleted/);
    expect(await listForSubject(db, subject)).toEqual(written);
    await db.close();
  });

  it('a statement the ledger does not know is refused before anything is written', async () => {
    const { db } = await openTestAppDb(tempDir);
    const s = testServices(db);
    const plan = await s.policies.savePlan(
      null,
      planInput((await s.policies.savePayer(null, payerInput())).id),
    );
    const subject = { kind: 'plan' as const, id: plan.id };
    for (const [statement, message] of [
      [{ field: 'favouriteColour', value: 'blue' }, /not something VerifyDesk records/],
      [{ field: 'coverageBp', value: 5000 }, /needs the code it is about/],
      [{ field: 'annualMaxCents', value: -5 }, /not a valid value for "Annual maximum"/],
      [{ field: 'maxUsedCents', value: 5 }, /not recorded for a plan/],
    ] as const) {
      await expect(
        s.ledger.record(subject, [{ field: 'annualMaxCents', value: 1 }, statement], { source: 'manual' }),
      ).rejects.toThrow(message);
    }
    await expect(
      s.ledger.record(subject, [{ field: 'annualMaxCents', value: 1 }], {
        source: 'manual',
        observedOn: daysFromToday(1),
      }),
    ).rejects.toThrow(/future/);
    expect(await listForSubject(db, subject)).toEqual([]);
    await db.close();
  });
});
