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
  /**
   * Answers the rep confirmed at once from the list of the plan's answers on file (by key): when the
   * call reaches one of them it goes straight past it with that answer, asking nothing.
   */
  confirmedAhead: readonly string[];
  /** Keys already offered in such a list (confirmed, or kept back to be asked one by one). */
  listed: readonly string[];
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
  return {
    ...first,
    codes,
    answers: {},
    outcomes: {},
    callOutcome: null,
    trail: [],
    confirmedAhead: [],
    listed: [],
  };
}

/** What the caller says and the question for the record, for this step and code ({code} filled in). */
export function stepWording(step: ScriptStep, code: string | null): { say: string; question: string } {
  const variant = code ? step.wordingFor?.find((w) => w.codes.includes(code)) : undefined;
  const fill = (text: string) => text.replace(/\{code\}/g, code ?? 'the code');
  return { say: fill(variant?.say ?? step.say), question: fill(variant?.question ?? step.question) };
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

/**
 * Goes on past every step the rep already confirmed from the on-file list, each with its recorded
 * answer (so outcomes and branches follow as if it had been asked), and stops at the first one to ask.
 */
export function passConfirmed(script: Script, state: CallState): CallState {
  let s = state;
  for (let guard = 0; guard < script.steps.length * (s.codes.length + 2) + 10; guard++) {
    const step = currentStep(script, s);
    if (!step) return s;
    const key = answerKey(step, s.codeIndex, s.codes);
    const answer = s.answers[key];
    if (!answer || !s.confirmedAhead.includes(key)) return s;
    s = answerStep(script, s, answer);
  }
  throw new ScriptError('The script loops without asking anything.');
}

/**
 * The steps ahead of the current one, in the order the call will reach them: `answerFor` gives the
 * answer expected at a step (what is on file), and a step without one takes its usual way on (its last,
 * unconditional transition). For listing what is on file before it is asked; nothing is recorded.
 */
export function stepsAhead(
  script: Script,
  state: CallState,
  answerFor: (step: ScriptStep, key: string, codeIndex: number) => Answer | null,
): Array<{ step: ScriptStep; key: string; codeIndex: number; answer: Answer | null }> {
  const ahead: Array<{ step: ScriptStep; key: string; codeIndex: number; answer: Answer | null }> = [];
  let s = state;
  for (let guard = 0; guard < script.steps.length * (s.codes.length + 2) + 10; guard++) {
    const step = currentStep(script, s);
    if (!step) return ahead;
    const key = answerKey(step, s.codeIndex, s.codes);
    const answer = answerFor(step, key, s.codeIndex);
    ahead.push({ step, key, codeIndex: s.codeIndex, answer });
    if (answer) {
      s = answerStep(script, s, answer);
    } else {
      const next = resolve(script, step.next[step.next.length - 1]!.to, s);
      s = { ...s, ...next };
    }
  }
  throw new ScriptError('The script loops without asking anything.');
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
