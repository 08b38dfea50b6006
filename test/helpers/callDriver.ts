// Drives a call through the service the way a caller would: confirms what the plan already knows with
// one key, and otherwise gives a plain answer of the right type.
import type { AppDb } from '../../src/main/db/appDb';
import type { CallService } from '../../src/main/services/callService';
import type { CallView } from '../../src/shared/script/callViews';
import type { Answer } from '../../src/shared/script/scriptTypes';
import { patientInput } from './policyFixtures';
import { testServices } from './services';
import { daysFromToday } from './testClock';

export const SCRIPTED: Record<string, Answer> = {
  rep_name: { type: 'text', value: 'Rep Synthetic' },
  reference_number: { type: 'reference', value: 'REF-2026-001' },
  frequency_used: { type: 'yes_no_unknown', value: 'no' },
  waiting_period: { type: 'yes_no_unknown', value: 'no' },
};

export function plainAnswer(current: NonNullable<CallView['current']>): Answer {
  switch (current.type) {
    case 'yes_no_unknown':
      return { type: 'yes_no_unknown', value: 'yes' };
    case 'choice':
      return {
        type: 'choice',
        value: current.stepId === 'prior_auth' ? 'required' : current.choices[0]!.value,
      };
    case 'money':
      return { type: 'money', value: 150_000 };
    case 'percent':
      return { type: 'percent', value: 5000 };
    case 'date':
      // A past date where the question is about the past (the last time a code was done).
      return { type: 'date', value: daysFromToday(current.stepId === 'last_service_date' ? -400 : 40) };
    case 'frequency':
      return { type: 'frequency', value: { count: 1, per: 'months', months: 36, sharedWith: [] } };
    case 'reference':
      return { type: 'reference', value: 'REF-X' };
    default:
      return { type: 'text', value: 'Synthetic answer' } as Answer;
  }
}

/**
 * Answers until the script ends: known plan answers are confirmed as they are, and a changed answer is
 * read back to the rep before going on, as the call screen asks.
 */
export async function driveCall(
  calls: CallService,
  start: CallView,
  overrides: Record<string, Answer> = {},
): Promise<CallView> {
  let view = start;
  for (let guard = 0; view.current && guard < 500; guard++) {
    const c = view.current;
    const scripted = overrides[c.stepId] ?? SCRIPTED[c.stepId];
    view = await calls.answer(view.id, scripted ?? c.known?.answer ?? plainAnswer(c));
    if (view.pendingReadBack) view = await calls.confirmReadBack(view.id, view.pendingReadBack.key);
  }
  return view;
}

/**
 * How a finished call compared with the file: questions asked from scratch (nothing on file to confirm,
 * including the rep's name and the like), true confirmations, and corrections.
 */
export function learningCount(view: CallView): { fromScratch: number; confirmed: number; changed: number } {
  return {
    fromScratch: view.answers.filter((a) => a.onFile === null).length,
    confirmed: view.answers.filter((a) => a.comparison === 'confirmed').length,
    changed: view.answers.filter((a) => a.comparison === 'changed').length,
  };
}

/** The one planned code the fixtures' calls ask about. */
const plannedOn = (code: string) => [{ code, tooth: null, serviceDate: daysFromToday(18) }];

/** A call that exists, for answers recorded "from a call" (provenance must name a real call). */
export async function startedCallId(db: AppDb, now: () => Date, planId: number): Promise<number> {
  const { patients, calls } = testServices(db, now);
  const patient = await patients.save(null, patientInput());
  return (
    await calls.start({
      patientId: patient.id,
      planId,
      planned: plannedOn('D0367'),
      dialedNumber: null,
    })
  ).id;
}

/** A call on the plan answered to the end and completed, as a caller would. */
export async function completedCall(
  calls: CallService,
  patientId: number,
  planId: number,
): Promise<CallView> {
  const done = await driveCall(
    calls,
    await calls.start({ patientId, planId, planned: plannedOn('D0367'), dialedNumber: null }),
  );
  return calls.complete(done.id, {
    nextAction: 'Schedule',
    nextActionDue: daysFromToday(1),
    reverifyDate: null,
  });
}
