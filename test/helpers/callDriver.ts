// Drives a call through the service the way a caller would: confirms what the plan already knows with
// one key, and otherwise gives a plain answer of the right type.
import type { Db } from '../../src/main/db/connection';
import { createCallService, type CallService } from '../../src/main/services/callService';
import { createPatientService } from '../../src/main/services/patientService';
import { createPolicyService } from '../../src/main/services/policyService';
import type { CallView } from '../../src/shared/script/callViews';
import type { Answer } from '../../src/shared/script/scriptTypes';
import { patientInput } from './policyFixtures';

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
      return { type: 'date', value: '2027-01-15' };
    case 'frequency':
      return { type: 'frequency', value: { count: 1, per: 'months', months: 36, sharedWith: [] } };
    case 'reference':
      return { type: 'reference', value: 'REF-X' };
    default:
      return { type: 'text', value: 'Synthetic answer' } as Answer;
  }
}

/** Answers until the script ends; known answers are confirmed as they are. */
export function driveCall(
  calls: CallService,
  start: CallView,
  overrides: Record<string, Answer> = {},
): CallView {
  let view = start;
  for (let guard = 0; view.current && guard < 500; guard++) {
    const c = view.current;
    const scripted = overrides[c.stepId] ?? SCRIPTED[c.stepId];
    view = calls.answer(view.id, scripted ?? c.known?.answer ?? plainAnswer(c));
  }
  return view;
}

/** The one planned code the fixtures' calls ask about. */
const plannedOn = (code: string) => [{ code, tooth: null, serviceDate: '2026-12-10' }];

/** A call that exists, for answers recorded "from a call" (provenance must name a real call). */
export function startedCallId(db: Db, now: () => Date, planId: number): number {
  const deps = { db, now, actor: () => 'Test User' };
  const policies = createPolicyService({ ...deps, staleAfterDays: () => 90 });
  const patient = createPatientService({ ...deps, staleAfterDays: () => 30 }).save(null, patientInput());
  return createCallService({ ...deps, policies }).start({
    patientId: patient.id,
    planId,
    planned: plannedOn('D0367'),
    dialedNumber: null,
  }).id;
}

/** A call on the plan answered to the end and completed, as a caller would. */
export function completedCall(calls: CallService, patientId: number, planId: number): CallView {
  const done = driveCall(
    calls,
    calls.start({ patientId, planId, planned: plannedOn('D0367'), dialedNumber: null }),
  );
  return calls.complete(done.id, { nextAction: 'Schedule', nextActionDue: '2026-11-23', reverifyDate: null });
}
