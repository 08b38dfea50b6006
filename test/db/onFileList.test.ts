// A second call on a known plan: the plan's answers on file are read to the rep as one list and confirmed
// at once; each still becomes its own confirmed answer and one ledger statement per field; an answer kept
// back from the list is asked on its own, and a different answer there is read back. Over the real
// services and a temp database.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/shared/ipc/result';
import type { CallView } from '../../src/shared/script/callViews';
import type { Answer } from '../../src/shared/script/scriptTypes';
import { openTestAppDb } from '../helpers/appDb';
import { driveCall, plainAnswer, SCRIPTED } from '../helpers/callDriver';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { useTempDirs } from '../helpers/tempDir';
import { atNoon, daysFromToday, manualClock } from '../helpers/testClock';
import { num, rows as sqlRows } from '../helpers/sqlRows';

const APPOINTMENT = daysFromToday(18);
const PLANNED = [
  { code: 'D0367', tooth: null, serviceDate: APPOINTMENT },
  { code: 'D0371', tooth: null, serviceDate: APPOINTMENT },
];
const finish = { nextAction: 'Make the estimate', nextActionDue: daysFromToday(1), reverifyDate: null };
/** Questions about this patient (asked every call) in the shipped script. */
const PATIENT_STEPS = [
  'max_remaining',
  'deductible_met',
  'last_service_date',
  'next_eligible',
  'termination_date',
];

async function refusal(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('the on-file list on a second call', () => {
  const tempDir = useTempDirs();

  /** A plan whose answers were all given on a first call (a week ago), and a second patient on it. */
  async function setup() {
    const clock = manualClock(atNoon(daysFromToday(-7)));
    const { db } = await openTestAppDb(tempDir, clock.now);
    const s = testServices(db, clock.now);
    const plan = await s.policies.savePlan(
      null,
      planInput((await s.policies.savePayer(null, payerInput())).id),
    );
    const first = await s.patients.save(null, patientInput());
    const second = await s.patients.save(
      null,
      patientInput({ firstName: 'Second', lastName: 'Synthpatient' }),
    );
    for (const p of [first, second])
      await s.patients.saveCoverage(
        null,
        coverageInput(p.id, plan.id, { effectiveDate: daysFromToday(-400) }),
      );
    const call1 = await driveCall(
      s.calls,
      await s.calls.start({ patientId: first.id, planId: plan.id, planned: PLANNED, dialedNumber: null }),
    );
    expect(call1.current?.onFileList ?? null).toBeNull();
    await s.calls.complete(call1.id, finish);
    clock.set(atNoon(daysFromToday(0)));
    const start = await s.calls.start({
      patientId: second.id,
      planId: plan.id,
      planned: PLANNED,
      dialedNumber: null,
    });
    return { db, s, plan, call1, start };
  }

  /** Answers one by one up to the first question that offers the on-file list. */
  async function toTheList(s: ReturnType<typeof testServices>, start: CallView): Promise<CallView> {
    let view = start;
    for (let guard = 0; view.current && !view.current.onFileList && guard < 100; guard++)
      view = await s.calls.answer(view.id, SCRIPTED[view.current.stepId] ?? plainAnswer(view.current));
    return view;
  }

  /** Answers to the end, each question on its own; returns the step ids asked. */
  async function answerRest(
    s: ReturnType<typeof testServices>,
    start: CallView,
    answers: Record<string, Answer> = {},
  ) {
    let view = start;
    const asked: string[] = [];
    for (let guard = 0; view.current && guard < 200; guard++) {
      const c = view.current;
      asked.push(c.key);
      view = await s.calls.answer(
        view.id,
        answers[c.stepId] ?? SCRIPTED[c.stepId] ?? c.known?.answer ?? plainAnswer(c),
      );
      if (view.pendingReadBack) view = await s.calls.confirmReadBack(view.id, view.pendingReadBack.key);
    }
    return { view, asked };
  }

  it('lists the plan answers on file in the order they would be asked, and only those', async () => {
    const { db, s, start } = await setup();
    const view = await toTheList(s, start);
    // The identification and eligibility questions came first, one by one.
    expect(view.answers.map((a) => a.key)).toEqual([
      'rep_name',
      'reference_number',
      'member_found',
      'active_on_date',
    ]);
    const list = view.current!.onFileList!;
    const keys = list.map((i) => i.key);
    expect(keys[0]).toBe('plan_type');
    expect(keys).toEqual(
      expect.arrayContaining([
        'network_status',
        'annual_max',
        'deductible_individual',
        'covered@D0367',
        'frequency@D0367',
        'prior_auth@D0367',
        'covered@D0371',
        'sialoendoscopy_service@D0371',
        'payer_notes',
      ]),
    );
    // Nothing about this patient (asked every call), and no question that asks nothing on file.
    for (const key of keys) {
      expect(PATIENT_STEPS).not.toContain(key.split('@')[0]);
      expect(['rep_name', 'is_primary', 'read_back']).not.toContain(key);
    }
    // Code-specific questions only for the codes they fit.
    expect(keys).not.toContain('sialoendoscopy_service@D0367');
    expect(keys).not.toContain('cbct_field_of_view@D0371');
    expect(list.find((i) => i.key === 'frequency@D0367')!.question).toMatch(/pano or full series/);
    expect(list.find((i) => i.key === 'frequency@D0371')!.question).not.toMatch(/pano|full series/);
    // Each item reads as words with where it came from (the first call).
    expect(list.find((i) => i.key === 'annual_max')).toMatchObject({
      words: '$1,500.00',
      label: 'Annual maximum',
    });
    expect(list.find((i) => i.key === 'annual_max')!.source).toMatch(/Rep Synthetic/);
    await db.close();
  });

  it('confirmed at once: one confirmed answer per item, then only the other questions, one statement per field', async () => {
    const { db, s, start } = await setup();
    const atList = await toTheList(s, start);
    const list = atList.current!.onFileList!;
    const confirmed = await s.calls.confirmOnFile(
      atList.id,
      list.map((i) => i.key),
    );
    const rows = await sqlRows<{ key: string; comparison: string; onFile: string | null }>(
      db,
      'SELECT answer_key AS key, comparison, on_file_json AS "onFile" FROM call_answers WHERE call_id = ?',
      atList.id,
    );
    for (const item of list) {
      const row = rows.find((r) => r.key === item.key);
      expect(row, item.key).toMatchObject({ comparison: 'confirmed' });
      expect(JSON.parse(row!.onFile!)).toEqual({ text: item.words, source: item.source });
    }
    // The call went on to the first question not on the list.
    expect(confirmed.current!.stepId).toBe('is_primary');
    expect(confirmed.current!.onFileList).toBeNull();

    const { view, asked } = await answerRest(s, confirmed);
    // Asked one by one after the list: only questions with nothing to confirm (this patient's, the call's).
    for (const key of asked) expect(list.map((i) => i.key)).not.toContain(key);
    expect(asked.filter((k) => PATIENT_STEPS.includes(k.split('@')[0]!)).length).toBeGreaterThan(0);
    console.log(
      `on-file list: ${list.length} answers confirmed in one step; ${asked.length} asked one by one after it (plus 4 before)`,
    );
    expect(view.outcomes).toMatchObject({ D0367: 'pa_required', D0371: 'pa_required' });
    await s.calls.complete(atList.id, finish);

    // Every confirmed answer is a statement of its own from this call.
    const statements = await sqlRows<{ field: string; code: string; n: number }>(
      db,
      `SELECT field, code, count(*) AS n FROM observations WHERE call_id = ? AND plan_id IS NOT NULL
         GROUP BY field, code`,
      atList.id,
    );
    expect(statements.every((r) => Number(r.n) === 1)).toBe(true);
    expect(statements.length).toBeGreaterThanOrEqual(list.length);
    expect((await s.policies.getPlan(start.plan.id)).benefits.annualMaxCents.source).toMatchObject({
      source: 'call',
      callId: atList.id,
    });
    await db.close();
  });

  it('an answer kept back from the list is asked on its own; a different answer there is read back', async () => {
    const { db, s, start } = await setup();
    const atList = await toTheList(s, start);
    const keys = atList.current!.onFileList!.map((i) => i.key);
    let view = await s.calls.confirmOnFile(
      atList.id,
      keys.filter((k) => k !== 'deductible_individual'),
    );
    // Up to the kept-back question, only what the list did not hold is asked.
    for (let guard = 0; view.current!.stepId !== 'deductible_individual' && guard < 20; guard++) {
      expect(keys).not.toContain(view.current!.key);
      view = await s.calls.answer(view.id, SCRIPTED[view.current!.stepId] ?? plainAnswer(view.current!));
    }
    expect(view.current).toMatchObject({ stepId: 'deductible_individual', onFileList: null });
    expect(view.current!.known!.answer).toEqual({ type: 'money', value: 150_000 });
    view = await s.calls.answer(view.id, { type: 'money', value: 7_500 });
    expect(view.pendingReadBack).toMatchObject({ key: 'deductible_individual', now: '$75.00' });
    expect((await refusal(() => s.calls.answer(view.id, plainAnswer(view.current!)))).message).toMatch(
      /read.*back/i,
    );
    expect((await refusal(() => s.calls.confirmOnFile(view.id, []))).code).toBe('conflict');
    view = await s.calls.confirmReadBack(view.id, 'deductible_individual');
    expect(view.answers.find((a) => a.key === 'deductible_individual')).toMatchObject({
      comparison: 'changed',
      readBackAt: expect.any(String),
    });
    // The list is not offered again for what it already held.
    expect(view.current!.onFileList).toBeNull();
    await db.close();
  });

  it('going back and on again does not ask the listed answers again; a stale list is refused', async () => {
    const { db, s, start } = await setup();
    const atList = await toTheList(s, start);
    const keys = atList.current!.onFileList!.map((i) => i.key);
    // A key that is not on the list (the screen showed an older one): refused, nothing written.
    const before = await num(db, 'SELECT count(*) AS n FROM call_answers');
    expect((await refusal(() => s.calls.confirmOnFile(atList.id, [...keys, 'max_remaining']))).code).toBe(
      'conflict',
    );
    expect(await num(db, 'SELECT count(*) AS n FROM call_answers')).toBe(before);

    let view = await s.calls.confirmOnFile(atList.id, keys);
    expect(view.current!.stepId).toBe('is_primary');
    // Back to "member found", answered again: the call goes on to "active on date", then past the list.
    view = await s.calls.back(
      view.id,
      view.trail.findIndex((t) => t.key === 'member_found'),
    );
    view = await s.calls.answer(view.id, { type: 'yes_no_unknown', value: 'yes' });
    expect(view.current!.stepId).toBe('active_on_date');
    view = await s.calls.answer(view.id, { type: 'yes_no_unknown', value: 'yes' });
    expect(view.current!.stepId).toBe('is_primary');
    // Changing a listed answer goes to that question alone, then on past the rest of the list.
    view = await s.calls.back(
      view.id,
      view.trail.findIndex((t) => t.key === 'network_status'),
    );
    expect(view.current).toMatchObject({ stepId: 'network_status', onFileList: null });
    view = await s.calls.answer(view.id, { type: 'choice', value: 'out_of_network' });
    expect(view.pendingReadBack?.key).toBe('network_status');
    view = await s.calls.confirmReadBack(view.id, 'network_status');
    expect(view.current!.stepId).toBe('is_primary');
    await db.close();
  });
});
