import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPT } from '../../../src/shared/script/defaultScript';
import { MEDICAL_SCRIPT } from '../../../src/shared/script/medicalScript';
import { SHIPPED_SCRIPTS } from '../../../src/shared/script/scripts';
import {
  answerStep,
  codesWithoutOutcome,
  currentStep,
  goBack,
  passConfirmed,
  ScriptError,
  startCall,
  stepById,
  stepsAhead,
  stepWording,
  type CallState,
} from '../../../src/shared/script/engine';
import {
  END,
  NEXT_CODE,
  type Answer,
  type Script,
  type ScriptStep,
} from '../../../src/shared/script/scriptTypes';
import { validateScript } from '../../../src/shared/script/validateScript';

const S = DEFAULT_SCRIPT;
const yes: Answer = { type: 'yes_no_unknown', value: 'yes' };
const no: Answer = { type: 'yes_no_unknown', value: 'no' };

/** A plain answer of the right type for whatever step is current, unless the test says otherwise. */
function typical(step: ScriptStep): Answer {
  switch (step.type) {
    case 'yes_no_unknown':
      return yes;
    case 'choice':
      return { type: 'choice', value: step.choices![0]!.value };
    case 'money':
      return { type: 'money', value: 150_000 };
    case 'percent':
      return { type: 'percent', value: 5000 };
    case 'date':
      return { type: 'date', value: '2027-01-15' };
    case 'frequency':
      return { type: 'frequency', value: { count: 1, per: 'months', months: 36, sharedWith: [] } };
    default:
      return { type: step.type, value: 'Synthetic answer' } as Answer;
  }
}

/** Answers until the call ends, taking `choose` answers for the named steps and typical ones otherwise. */
function run(
  codes: string[],
  choose: Record<string, Answer> = {},
  script: Script = S,
): { state: CallState; asked: string[] } {
  const limit = 500;
  let state = startCall(script, codes);
  const asked: string[] = [];
  for (let i = 0; i < limit && state.stepId !== END; i++) {
    const step = currentStep(script, state)!;
    asked.push(step.perCode ? `${step.id}@${state.codes[state.codeIndex]}` : step.id);
    // "Has the allowance been used?" defaults to no, so codes go on past the frequency question.
    state = answerStep(script, state, choose[step.id] ?? (step.id === 'frequency_used' ? no : typical(step)));
  }
  return { state, asked };
}

/** Drives random valid answers through `script` for random codes: every call ends, in a valid state. */
function randomCalls(script: Script, outcomes: readonly string[]): void {
  const answerFor = (step: ScriptStep): fc.Arbitrary<Answer> => {
    switch (step.type) {
      case 'yes_no_unknown':
        return fc
          .constantFrom('yes', 'no', 'unknown')
          .map((value) => ({ type: 'yes_no_unknown', value }) as Answer);
      case 'choice':
        return fc
          .constantFrom(...step.choices!.map((c) => c.value))
          .map((value) => ({ type: 'choice', value }) as Answer);
      case 'money':
      case 'percent':
        return fc
          .option(fc.integer({ min: 0, max: 10_000 }), { nil: null })
          .map((value) => ({ type: step.type, value }) as Answer);
      default:
        return fc.constant(typical(step));
    }
  };
  fc.assert(
    fc.property(
      fc.subarray(['D0364', 'D0367', 'D0330', 'D0310', 'D0320', 'D0370', 'D0371', 'D0386'], {
        minLength: 1,
      }),
      fc.infiniteStream(fc.nat()),
      (codes, choices) => {
        let state = startCall(script, codes);
        const it = choices[Symbol.iterator]();
        let steps = 0;
        while (state.stepId !== END) {
          const step = currentStep(script, state)!;
          expect(script.steps.map((s) => s.id)).toContain(step.id);
          if (step.perCode) expect(state.codeIndex).toBeLessThan(codes.length);
          const options = fc.sample(answerFor(step), { numRuns: 1, seed: it.next().value as number });
          state = answerStep(script, state, options[0]!);
          expect(++steps).toBeLessThan(60 * codes.length + 40);
        }
        for (const outcome of Object.values(state.outcomes)) expect(outcomes).toContain(outcome);
      },
    ),
    { numRuns: 300 },
  );
}

describe('the shipped script', () => {
  it('passes the static validator: every step reachable, none a dead end, every answer typed', () => {
    expect(validateScript(S)).toEqual([]);
  });

  it('a covered code with no prior auth asks the code questions once and ends with "covered"', () => {
    const { state, asked } = run(['D0330'], { prior_auth: { type: 'choice', value: 'not_required' } });
    expect(state.outcomes).toEqual({ D0330: 'covered' });
    expect(asked).toContain('covered@D0330');
    expect(asked).not.toContain('cbct_field_of_view@D0330');
    expect(asked.at(-1)).toBe('written_confirmation');
  });

  it('member not found after a re-check: the call ends as "unable to locate member"', () => {
    const { state, asked } = run(['D0367'], { member_found: no, member_recheck: no });
    expect(state.callOutcome).toBe('unable_to_locate');
    expect(asked).toEqual(['rep_name', 'reference_number', 'member_found', 'member_recheck']);
  });

  it('inactive on the date of service: termination date and other coverage, then the end', () => {
    const { state, asked } = run(['D0367'], { active_on_date: no });
    expect(state.callOutcome).toBe('inactive');
    expect(asked.slice(-2)).toEqual(['termination_date', 'other_coverage_inactive']);
  });

  it('not covered: alternate code, medical first, exclusion wording, then the next code', () => {
    const { state, asked } = run(['D0364', 'D0330'], {
      covered: no,
      prior_auth: { type: 'choice', value: 'not_required' },
    });
    expect(state.outcomes.D0364).toBe('not_covered_dental');
    expect(asked).toEqual(
      expect.arrayContaining([
        'alternate_code@D0364',
        'medical_first@D0364',
        'exclusion_wording@D0364',
        'covered@D0330',
      ]),
    );
  });

  it('frequency used up: next eligible date, outcome "frequency not met"', () => {
    const { state, asked } = run(['D0330'], { frequency_used: yes });
    expect(state.outcomes.D0330).toBe('frequency_not_met');
    expect(asked).toContain('next_eligible@D0330');
    expect(asked).not.toContain('prior_auth@D0330');
  });

  it('prior authorization required: the PA questions, outcome "PA required"', () => {
    const { state, asked } = run(['D0367'], { prior_auth: { type: 'choice', value: 'required' } });
    expect(state.outcomes.D0367).toBe('pa_required');
    expect(asked).toEqual(
      expect.arrayContaining([
        'pa_method@D0367',
        'pa_contact@D0367',
        'pa_attachments@D0367',
        'pa_turnaround@D0367',
        'pa_validity@D0367',
        'pa_guarantee@D0367',
      ]),
    );
  });

  it.each([
    ['D0367', ['cbct_field_of_view', 'cbct_capture_only']],
    ['D0383', ['cbct_field_of_view', 'cbct_capture_only']],
    ['D0310', ['sialography_contrast']],
    ['D0320', ['arthrogram_injection']],
    ['D0370', ['ultrasound_capture_only']],
    ['D0386', ['ultrasound_capture_only']],
    ['D0371', ['sialoendoscopy_service']],
  ])('%s gets its own questions, and only its own', (code, own) => {
    const specific = [
      'cbct_field_of_view',
      'cbct_capture_only',
      'sialography_contrast',
      'arthrogram_injection',
      'ultrasound_capture_only',
      'sialoendoscopy_service',
    ];
    const { asked } = run([code], { prior_auth: { type: 'choice', value: 'not_required' } });
    const askedSpecific = asked.map((a) => a.split('@')[0]!).filter((id) => specific.includes(id));
    expect(askedSpecific).toEqual(own);
  });

  it('loops over every planned code, each with its own answers', () => {
    const { state } = run(['D0367', 'D0330', 'D0310'], {
      prior_auth: { type: 'choice', value: 'not_required' },
    });
    expect(Object.keys(state.answers).filter((k) => k.startsWith('covered@'))).toEqual([
      'covered@D0367',
      'covered@D0330',
      'covered@D0310',
    ]);
    expect(state.outcomes).toEqual({ D0367: 'covered', D0330: 'covered', D0310: 'covered' });
  });

  it('an unknown coverage answer leaves the code without an outcome (it will be "partial")', () => {
    const { state } = run(['D0367'], {
      covered: { type: 'yes_no_unknown', value: 'unknown' },
      prior_auth: { type: 'choice', value: 'not_required' },
    });
    expect(codesWithoutOutcome(state)).toEqual(['D0367']);
  });

  it('refuses a wrongly typed answer or a choice that is not offered, and changes nothing', () => {
    const state = startCall(S, ['D0367']);
    expect(() => answerStep(S, state, yes)).toThrow(ScriptError); // rep_name needs text
    let s = state;
    while (currentStep(S, s)!.id !== 'plan_type') s = answerStep(S, s, typical(currentStep(S, s)!));
    expect(() => answerStep(S, s, { type: 'choice', value: 'platinum' })).toThrow(/not one of the choices/);
  });

  it('goes back to an earlier answer and continues from there', () => {
    let state = startCall(S, ['D0367']);
    for (let i = 0; i < 5; i++) state = answerStep(S, state, typical(currentStep(S, state)!));
    const back = goBack(state, 1);
    expect(back.stepId).toBe('reference_number');
    expect(back.answers.rep_name).toEqual({ type: 'text', value: 'Synthetic answer' });
  });

  it('property: any sequence of valid answers ends the call, never in an invalid state', () => {
    randomCalls(S, ['covered', 'pa_required', 'not_covered_dental', 'frequency_not_met']);
  });
});

describe('the on-file list: answers confirmed ahead, and questions that fit the code', () => {
  it('asks whether a frequency limit is shared with the pano or full series only for codes it fits', () => {
    const frequency = stepById(S, 'frequency');
    for (const code of ['D0364', 'D0367', 'D0368', 'D0380', 'D0383', 'D0330', 'D0210', 'D0372']) {
      expect(stepWording(frequency, code).say, code).toMatch(/pano or full series/);
      expect(stepWording(frequency, code).question, code).toContain(code);
    }
    for (const code of ['D0310', 'D0320', 'D0369', 'D0370', 'D0371', 'D0386', 'D0350']) {
      expect(stepWording(frequency, code).say, code).not.toMatch(/pano|full series/);
      expect(stepWording(frequency, code).question, code).toBe(`How often is ${code} covered?`);
    }
  });

  it('lists the steps ahead in the order they will be asked, following the answers given for them', () => {
    const { asked } = run(['D0367', 'D0310'], { prior_auth: { type: 'choice', value: 'not_required' } });
    const start = startCall(S, ['D0367', 'D0310']);
    const ahead = stepsAhead(S, start, (step) =>
      step.id === 'prior_auth'
        ? { type: 'choice', value: 'not_required' }
        : step.id === 'frequency_used'
          ? no
          : typical(step),
    );
    expect(ahead.map((a) => a.key)).toEqual(asked);
    // A step with nothing expected takes its usual way on (here: the frequency is not used up).
    const usual = stepsAhead(S, start, (step) => (step.id === 'frequency_used' ? null : typical(step)));
    expect(usual.map((a) => a.key)).toContain('limitations@D0367');
  });

  it('property: confirming any answers ahead ends in the same state as answering each in turn', () => {
    fc.assert(
      fc.property(
        fc.subarray(['D0364', 'D0367', 'D0330', 'D0310', 'D0371'], { minLength: 1 }),
        fc.infiniteStream(fc.boolean()),
        fc.infiniteStream(fc.boolean()),
        (codes, answerNo, confirm) => {
          // One by one: yes/no answers at random, typical answers otherwise.
          const given: Record<string, Answer> = {};
          let oneByOne = startCall(S, codes);
          const no_ = answerNo[Symbol.iterator]();
          while (oneByOne.stepId !== END) {
            const step = currentStep(S, oneByOne)!;
            const answer = step.type === 'yes_no_unknown' && no_.next().value ? no : typical(step);
            given[step.perCode ? `${step.id}@${oneByOne.codes[oneByOne.codeIndex]}` : step.id] = answer;
            oneByOne = answerStep(S, oneByOne, answer);
          }
          // The same answers, some of them confirmed ahead from a list before the call starts.
          const pick = confirm[Symbol.iterator]();
          const ahead = Object.keys(given).filter(() => pick.next().value);
          let listed: CallState = {
            ...startCall(S, codes),
            answers: Object.fromEntries(ahead.map((k) => [k, given[k]!])),
            confirmedAhead: ahead,
          };
          listed = passConfirmed(S, listed);
          for (let guard = 0; listed.stepId !== END && guard < 500; guard++) {
            const step = currentStep(S, listed)!;
            const key = step.perCode ? `${step.id}@${listed.codes[listed.codeIndex]}` : step.id;
            expect(ahead).not.toContain(key);
            listed = passConfirmed(S, answerStep(S, listed, given[key]!));
          }
          expect(listed.outcomes).toEqual(oneByOne.outcomes);
          expect(listed.callOutcome).toEqual(oneByOne.callOutcome);
          expect(listed.trail).toEqual(oneByOne.trail);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the medical-plan script (a linked call about the codes dental refused)', () => {
  const M = MEDICAL_SCRIPT;
  const choice = (value: string): Answer => ({ type: 'choice', value });

  it('every shipped script passes the validator, and each has its own id', () => {
    for (const script of SHIPPED_SCRIPTS) expect(validateScript(script), script.id).toEqual([]);
    expect(new Set(SHIPPED_SCRIPTS.map((x) => x.id)).size).toBe(SHIPPED_SCRIPTS.length);
  });

  it('covered without prior auth: network, money, CPT and claim questions, outcome "covered"', () => {
    const { state, asked } = run(['D0367'], { medical_prior_auth: choice('not_required') }, M);
    expect(asked).toEqual([
      'rep_name',
      'reference_number',
      'member_found',
      'active_on_date',
      'medical_network',
      'medical_deductible_left',
      'medical_coinsurance',
      'medical_oop_left',
      'medical_covered@D0367',
      'medical_cpt@D0367',
      'medical_prior_auth@D0367',
      'medical_claim@D0367',
      'medical_policy_number',
      'medical_read_back',
    ]);
    expect(state.outcomes).toEqual({ D0367: 'covered' });
  });

  it.each(['plan', 'rbm'])('prior auth through %s: contact and turnaround, outcome "PA required"', (via) => {
    const { state, asked } = run(['D0367'], { medical_prior_auth: choice(via) }, M);
    expect(asked).toContain('medical_pa_contact@D0367');
    expect(asked).toContain('medical_pa_turnaround@D0367');
    expect(state.outcomes).toEqual({ D0367: 'pa_required' });
  });

  it('not covered for the diagnosis: the reason, outcome "not covered (medical)", then the next code', () => {
    const { state, asked } = run(['D0367', 'D0310'], { medical_covered: no }, M);
    expect(asked.filter((a) => a.startsWith('medical_denial_reason'))).toEqual([
      'medical_denial_reason@D0367',
      'medical_denial_reason@D0310',
    ]);
    expect(asked).not.toContain('medical_cpt@D0367');
    expect(state.outcomes).toEqual({ D0367: 'not_covered_medical', D0310: 'not_covered_medical' });
  });

  it('medical coverage inactive: the call ends at once with "inactive"', () => {
    const { state, asked } = run(['D0367'], { active_on_date: no }, M);
    expect(asked.at(-1)).toBe('active_on_date');
    expect(state.callOutcome).toBe('inactive');
  });

  it('member not found after a re-check: "unable to locate member"', () => {
    const { state } = run(['D0367'], { member_found: no, member_recheck: no }, M);
    expect(state.callOutcome).toBe('unable_to_locate');
  });

  it('property: any sequence of valid answers ends the call, never in an invalid state', () => {
    randomCalls(M, ['covered', 'pa_required', 'not_covered_medical']);
  });
});

describe('the validator catches broken scripts', () => {
  const broken = (change: (steps: ScriptStep[]) => ScriptStep[]): Script => ({
    ...S,
    steps: change(S.steps.map((s) => ({ ...s }))),
  });

  it.each([
    [
      'a step nobody reaches',
      (steps: ScriptStep[]) => [
        ...steps,
        {
          id: 'orphan',
          label: 'Orphan',
          question: 'Never asked?',
          section: 'notes',
          say: 'Never asked at all',
          type: 'text',
          next: [{ to: END }],
        } as ScriptStep,
      ],
      /"orphan" can never be reached/,
    ],
    [
      'a possible dead end',
      (steps: ScriptStep[]) =>
        steps.map((s) =>
          s.id === 'read_back' ? { ...s, next: [{ when: { step: 'read_back', is: 'yes' }, to: END }] } : s,
        ),
      /dead end/,
    ],
    [
      'a jump to nowhere',
      (steps: ScriptStep[]) =>
        steps.map((s) => (s.id === 'read_back' ? { ...s, next: [{ to: 'nowhere' }] } : s)),
      /"nowhere", which is not a step/,
    ],
    [
      'a test for an impossible answer',
      (steps: ScriptStep[]) =>
        steps.map((s) =>
          s.id === 'covered'
            ? {
                ...s,
                next: [
                  { when: { step: 'covered', is: 'maybe' }, to: 'alternate_code' },
                  { to: 'coverage_percent' },
                ],
              }
            : s,
        ),
      /can never be/,
    ],
    [
      'a learned field of the wrong type',
      (steps: ScriptStep[]) =>
        steps.map((s) =>
          s.id === 'limitations' ? { ...s, learns: { kind: 'policy', field: 'coverageBp' } } : s,
        ),
      /learns coverageBp but its answer is text/,
    ],
    [
      'a one-choice question',
      (steps: ScriptStep[]) =>
        steps.map((s) => (s.id === 'plan_type' ? { ...s, choices: [{ value: 'ppo', label: 'PPO' }] } : s)),
      /fewer than two choices/,
    ],
    [
      'a loop with no way out',
      (steps: ScriptStep[]) =>
        steps.map((s) => (s.id === 'written_confirmation' ? { ...s, next: [{ to: 'read_back' }] } : s)),
      /can never reach the end/,
    ],
    [
      'a call-level step moving to the next code',
      (steps: ScriptStep[]) =>
        steps.map((s) => (s.id === 'payer_notes' ? { ...s, next: [{ to: NEXT_CODE }] } : s)),
      /not a per-code step/,
    ],
  ] as const)('%s', (_label, change, message) => {
    expect(validateScript(broken(change as (s: ScriptStep[]) => ScriptStep[])).join('\n')).toMatch(message);
  });
});
