// The pure state machine of a verification call: where the caller is, which code is being asked about,
// every answer so far, and the outcome per code. No I/O: the call service persists each state.
import {
  END,
  NEXT_CODE,
  type Answer,
  type Condition,
  type Outcome,
  type Script,
  type ScriptStep,
} from './scriptTypes';

export interface CallState {
  /** The step being asked, or '@end' when the script is finished. */
  stepId: string;
  /** Index into `codes` while in the code loop. */
  codeIndex: number;
  codes: readonly string[];
  /** Answer per key: the step id, or "<step>@<code>" for per-code steps. */
  answers: Readonly<Record<string, Answer>>;
  /** Outcome per code, and for the whole call when the call ended early (inactive, not found). */
  outcomes: Readonly<Record<string, Outcome>>;
  callOutcome: Outcome | null;
  /** Steps visited, in order, for going back to an earlier answer. */
  trail: ReadonlyArray<{ stepId: string; codeIndex: number }>;
}

export class ScriptError extends Error {}

export function stepById(script: Script, id: string): ScriptStep {
  const step = script.steps.find((s) => s.id === id);
  if (!step) throw new ScriptError(`The script has no step "${id}".`);
  return step;
}

export function answerKey(step: ScriptStep, codeIndex: number, codes: readonly string[]): string {
  return step.perCode ? `${step.id}@${codes[codeIndex]}` : step.id;
}

/** The answer's value as the text conditions compare against. */
export function answerText(answer: Answer | undefined): string {
  if (!answer) return 'unanswered';
  if (answer.type === 'yes_no_unknown' || answer.type === 'choice') return answer.value;
  return answer.value === null ? 'unknown' : 'known';
}

function holds(
  script: Script,
  condition: Condition,
  state: Pick<CallState, 'answers' | 'codeIndex' | 'codes'>,
): boolean {
  const step = stepById(script, condition.step);
  const value = answerText(state.answers[answerKey(step, state.codeIndex, state.codes)]);
  return typeof condition.is === 'string' ? value === condition.is : condition.is.includes(value);
}

function applies(step: ScriptStep, state: Pick<CallState, 'codeIndex' | 'codes'>): boolean {
  return !step.onlyFor || step.onlyFor.includes(state.codes[state.codeIndex] ?? '');
}

/** Follows a target to the next step that applies to the current code (or the end). */
function resolve(
  script: Script,
  target: string,
  state: Pick<CallState, 'answers' | 'codeIndex' | 'codes'>,
): { stepId: string; codeIndex: number } {
  let codeIndex = state.codeIndex;
  let to = target;
  for (let guard = 0; guard < script.steps.length * (state.codes.length + 2) + 10; guard++) {
    if (to === END) return { stepId: END, codeIndex };
    if (to === NEXT_CODE) {
      codeIndex++;
      to = codeIndex < state.codes.length ? script.codeLoopStart : script.afterCodes;
      continue;
    }
    const step = stepById(script, to);
    if (applies(step, { ...state, codeIndex })) return { stepId: to, codeIndex };
    // A code-specific question for another code: take its unconditional way on.
    to = step.next[step.next.length - 1]!.to;
  }
  throw new ScriptError('The script loops without asking anything.');
}

export function startCall(script: Script, codes: readonly string[]): CallState {
  if (codes.length === 0) throw new ScriptError('A verification call needs at least one planned code.');
  const base = { answers: {}, codeIndex: 0, codes };
  const first = resolve(script, script.start, base);
  return { ...first, codes, answers: {}, outcomes: {}, callOutcome: null, trail: [] };
}

export function currentStep(script: Script, state: CallState): ScriptStep | null {
  return state.stepId === END ? null : stepById(script, state.stepId);
}

/** Records the answer to the current step and moves on. A wrongly typed answer is refused. */
export function answerStep(script: Script, state: CallState, answer: Answer): CallState {
  const step = currentStep(script, state);
  if (!step) throw new ScriptError('The call script is already finished.');
  if (answer.type !== step.type)
    throw new ScriptError(`"${step.id}" needs a ${step.type} answer, not ${answer.type}.`);
  if (answer.type === 'choice' && !step.choices?.some((c) => c.value === answer.value)) {
    throw new ScriptError(`"${answer.value}" is not one of the choices for "${step.id}".`);
  }
  const answers = { ...state.answers, [answerKey(step, state.codeIndex, state.codes)]: answer };
  const withAnswer = { ...state, answers };
  let outcomes = state.outcomes;
  let callOutcome = state.callOutcome;
  const rule = step.outcome;
  if (rule && (!rule.when || holds(script, rule.when, withAnswer))) {
    const code = state.codes[state.codeIndex]!;
    if (rule.scope === 'call') callOutcome = rule.outcome;
    else if (!rule.ifNone || !outcomes[code]) outcomes = { ...outcomes, [code]: rule.outcome };
  }
  const transition = step.next.find((t) => !t.when || holds(script, t.when, withAnswer))!;
  const next = resolve(script, transition.to, withAnswer);
  return {
    ...withAnswer,
    ...next,
    outcomes,
    callOutcome,
    trail: [...state.trail, { stepId: state.stepId, codeIndex: state.codeIndex }],
  };
}

/** Goes back to an earlier step; its answer and every later one stay until answered again. */
export function goBack(state: CallState, trailIndex: number): CallState {
  const target = state.trail[trailIndex];
  if (!target) throw new ScriptError('There is no earlier answer there.');
  return {
    ...state,
    stepId: target.stepId,
    codeIndex: target.codeIndex,
    trail: state.trail.slice(0, trailIndex),
  };
}

/** Codes that have no outcome yet: each becomes 'partial' when the call is saved unfinished. */
export function codesWithoutOutcome(state: CallState): string[] {
  return state.codes.filter((c) => !state.outcomes[c]);
}
