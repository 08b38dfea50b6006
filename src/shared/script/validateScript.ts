// Static checks a script must pass before it ships: every step reachable, every step able to finish,
// every transition pointing somewhere real, every answer typed, learned fields matching their types.
import type { PlanBenefitField, PolicyField } from '../policy/policyTypes';
import { ANSWER_TYPES, END, NEXT_CODE, type AnswerType, type Learns, type Script } from './scriptTypes';

/** The answer type each learnable store field needs. */
const LEARNED_TYPES: Partial<Record<PolicyField | PlanBenefitField, AnswerType>> = {
  covered: 'yes_no_unknown',
  medicalFirst: 'yes_no_unknown',
  coverageBp: 'percent',
  category: 'choice',
  frequency: 'frequency',
  priorAuth: 'choice',
  paMethod: 'choice',
  paContact: 'text',
  networkStatus: 'choice',
  benefitYearStartMonth: 'choice',
  annualMaxCents: 'money',
  deductibleIndividualCents: 'money',
  deductibleFamilyCents: 'money',
};

/** The learned field's name and the answer type it needs. */
function learnedType(learns: Exclude<Learns, { kind: 'fact' }>): [string, AnswerType | undefined] {
  switch (learns.kind) {
    case 'allowedFee':
      return ['the allowed fee', 'money'];
    case 'service':
      return ['an earlier service', 'date'];
    case 'coverage':
      return [
        learns.field,
        learns.field === 'terminationDate' || learns.field === 'nextEligibleOn' ? 'date' : 'money',
      ];
    default:
      return [learns.field, LEARNED_TYPES[learns.field]];
  }
}

export function validateScript(script: Script): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const step of script.steps) {
    if (ids.has(step.id)) problems.push(`Step "${step.id}" appears twice.`);
    ids.add(step.id);
  }
  const exists = (to: string) => to === END || to === NEXT_CODE || ids.has(to);
  for (const [name, id] of [
    ['start', script.start],
    ['codeLoopStart', script.codeLoopStart],
    ['afterCodes', script.afterCodes],
  ] as const) {
    if (!ids.has(id)) problems.push(`The script's ${name} "${id}" is not a step.`);
  }

  for (const step of script.steps) {
    const where = `Step "${step.id}"`;
    if (!ANSWER_TYPES.includes(step.type)) problems.push(`${where} has an unknown answer type.`);
    if (step.say.trim().length < 5) problems.push(`${where} does not say what to ask.`);
    if (step.type === 'choice' && (step.choices?.length ?? 0) < 2)
      problems.push(`${where} is a choice with fewer than two choices.`);
    if (step.type !== 'choice' && step.choices)
      problems.push(`${where} has choices but is not a choice question.`);
    if (step.next.length === 0 || step.next[step.next.length - 1]!.when) {
      problems.push(`${where} can be a dead end: its last transition must have no condition.`);
    }
    if (step.onlyFor && !step.perCode)
      problems.push(`${where} is only for some codes, so it must be asked per code.`);
    if (step.wordingFor && !step.perCode)
      problems.push(`${where} has wording for some codes, so it must be asked per code.`);
    for (const w of step.wordingFor ?? []) {
      if (w.codes.length === 0 || w.say.trim().length < 5 || !/\?$/.test(w.question.trim()))
        problems.push(`${where} has code-specific wording without codes, words or a question.`);
    }
    if (step.onlyFor && step.next.length !== 1)
      problems.push(`${where} is skipped for other codes, so it must have one way on.`);
    for (const t of step.next) {
      if (!exists(t.to)) problems.push(`${where} goes to "${t.to}", which is not a step.`);
      if (t.to === NEXT_CODE && !step.perCode)
        problems.push(`${where} moves to the next code but is not a per-code step.`);
    }
    const conditions = [
      ...step.next.flatMap((t) => (t.when ? [t.when] : [])),
      ...(step.outcome?.when ? [step.outcome.when] : []),
    ];
    for (const c of conditions) {
      const target = script.steps.find((s) => s.id === c.step);
      if (!target) {
        problems.push(`${where} tests "${c.step}", which is not a step.`);
        continue;
      }
      const allowed =
        target.type === 'yes_no_unknown'
          ? ['yes', 'no', 'unknown']
          : target.type === 'choice'
            ? (target.choices ?? []).map((x) => x.value)
            : ['known', 'unknown'];
      for (const value of typeof c.is === 'string' ? [c.is] : c.is) {
        if (!allowed.includes(value))
          problems.push(`${where} tests "${c.step}" for "${value}", which it can never be.`);
      }
    }
    if (step.learns && step.learns.kind !== 'fact') {
      const [what, needed] = learnedType(step.learns);
      if (needed !== step.type)
        problems.push(
          `${where} learns ${what} but its answer is ${step.type}, not ${needed ?? 'learnable'}.`,
        );
    }
    if (step.learns && (step.learns.kind === 'coverage' || step.learns.kind === 'service') && !step.perCode) {
      if (step.learns.kind === 'service' || step.learns.field === 'nextEligibleOn')
        problems.push(`${where} learns something about one code, so it must be asked per code.`);
    }
    if (step.label.trim().length < 2 || step.label.length > 40)
      problems.push(`${where} needs a short label (2 to 40 characters) for the answers list.`);
    if (!/\?$/.test(step.question.trim()))
      problems.push(`${where} needs the question as put to the rep, ending with a question mark.`);
  }
  if (problems.length > 0) return problems;

  // Reachability: NEXT_CODE leads to the loop start (another code) and to afterCodes (no more codes).
  const targets = (id: string): string[] =>
    script.steps
      .find((s) => s.id === id)!
      .next.flatMap((t) => (t.to === NEXT_CODE ? [script.codeLoopStart, script.afterCodes] : [t.to]));
  const reachable = new Set<string>([script.start]);
  const queue = [script.start];
  while (queue.length > 0) {
    for (const to of targets(queue.shift()!)) {
      if (to !== END && !reachable.has(to)) {
        reachable.add(to);
        queue.push(to);
      }
    }
  }
  for (const step of script.steps)
    if (!reachable.has(step.id)) problems.push(`Step "${step.id}" can never be reached.`);

  // Every step must be able to reach the end.
  const finishes = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const step of script.steps) {
      if (!finishes.has(step.id) && targets(step.id).some((to) => to === END || finishes.has(to))) {
        finishes.add(step.id);
        grew = true;
      }
    }
  }
  for (const step of script.steps)
    if (!finishes.has(step.id)) problems.push(`Step "${step.id}" can never reach the end of the call.`);
  return problems;
}
