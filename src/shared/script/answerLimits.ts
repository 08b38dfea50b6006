// Money answers that cannot both be true: more of the maximum left than the maximum, more deductible met
// than the deductible, a family deductible below the individual one. Reps misread lines, and an
// impossible pair printed on a cost summary is a wrong bill; the call asks the caller to check it with
// the rep before it is saved (the earlier answer can be changed from "Answers so far").
import { formatCents } from '../money/cents';
import type { Answer } from './scriptTypes';

interface Limit {
  /** The step whose answer must not go past the other. */
  step: string;
  /** The earlier steps it is checked against: the largest amount given among them counts. */
  against: string[];
  /** 'most': the answer is at most the other; 'least': at least. */
  bound: 'most' | 'least';
  words: (answer: string, other: string) => string;
}

const LIMITS: Limit[] = [
  {
    step: 'max_remaining',
    against: ['annual_max'],
    bound: 'most',
    words: (a, o) => `${a} left is more than the annual maximum of ${o} the rep gave.`,
  },
  {
    step: 'deductible_met',
    // "Met" may be the patient's or the family's (reps say either), so only more than the larger one is
    // impossible.
    against: ['deductible_individual', 'deductible_family'],
    bound: 'most',
    words: (a, o) => `${a} met is more than the deductible of ${o} the rep gave.`,
  },
  {
    step: 'deductible_family',
    against: ['deductible_individual'],
    bound: 'least',
    words: (a, o) => `A family deductible of ${a} is less than the individual deductible of ${o}.`,
  },
];

const cents = (answer: Answer | undefined): number | null =>
  answer?.type === 'money' && typeof answer.value === 'number' ? answer.value : null;

/** What is impossible about this answer given the call's earlier ones, in words for the caller; or null. */
export function answerLimitProblem(
  stepId: string,
  answer: Answer,
  earlier: Readonly<Record<string, Answer>>,
): string | null {
  const limit = LIMITS.find((l) => l.step === stepId);
  const value = cents(answer);
  if (!limit || value === null) return null;
  const given = limit.against.map((s) => cents(earlier[s])).filter((c) => c !== null);
  if (given.length === 0) return null;
  const other = Math.max(...given);
  const broken = limit.bound === 'most' ? value > other : value < other;
  if (!broken) return null;
  return `${limit.words(formatCents(value), formatCents(other))} Check both with the rep; if the earlier answer was wrong, change it in "Answers so far".`;
}
