// A verification call script is data: steps with a question, a typed answer, and transitions. The
// engine walks it; the validator proves every shipped script is well formed.
import type { Frequency, PlanBenefitField, PolicyField } from '../policy/policyTypes';

export const ANSWER_TYPES = [
  'yes_no_unknown',
  'money',
  'percent',
  'date',
  'frequency',
  'choice',
  'text',
  'phone',
  'reference',
] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];

/** A typed answer. null means the rep did not know: unknown is recorded, never guessed. */
export type Answer =
  | { type: 'yes_no_unknown'; value: 'yes' | 'no' | 'unknown' }
  | { type: 'money'; value: number | null }
  | { type: 'percent'; value: number | null }
  | { type: 'date'; value: string | null }
  | { type: 'frequency'; value: Frequency | null }
  | { type: 'choice'; value: string }
  | { type: 'text'; value: string | null }
  | { type: 'phone'; value: string | null }
  | { type: 'reference'; value: string | null };

export const OUTCOMES = [
  'covered',
  'pa_required',
  'not_covered_dental',
  'not_covered_medical',
  'frequency_not_met',
  'inactive',
  'unable_to_locate',
  'partial',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Special transition targets: the next planned code (or the steps after the codes), and the end. */
export const NEXT_CODE = '@next-code';
export const END = '@end';

export interface Condition {
  /** The step whose answer is tested (for a per-code step: the answer for the current code). */
  step: string;
  /** The answer's value as text: 'yes', 'no', 'unknown', a choice value, or 'known' / 'unknown' for others. */
  is: string | readonly string[];
}

export interface Transition {
  when?: Condition;
  to: string;
}

/** Statements about the patient's coverage a call can make (ledger coverage fields). */
export type CoverageLearnField =
  'terminationDate' | 'maxRemainingCents' | 'deductibleMetCents' | 'nextEligibleOn';

export type Learns =
  | { kind: 'policy'; field: PolicyField }
  | { kind: 'benefit'; field: PlanBenefitField }
  | { kind: 'fact' }
  | { kind: 'allowedFee' }
  | { kind: 'coverage'; field: CoverageLearnField }
  | { kind: 'service' };

/** Plan knowledge is offered for one-key confirmation; a patient's answers are asked again each call. */
export const isPlanLearning = (learns: Learns | undefined): boolean =>
  learns !== undefined && learns.kind !== 'coverage' && learns.kind !== 'service';

export interface ScriptStep {
  id: string;
  /** What the answer is, in two or three words, for the answers list ("Rep", "Annual maximum"). */
  label: string;
  /** The question as put to the rep, for the record ("What is the annual maximum?"). */
  question: string;
  section: 'opening' | 'eligibility' | 'plan' | 'code' | 'prior_auth' | 'claim' | 'notes' | 'close';
  /** What the caller says, in plain words. {code} is replaced by the current code. */
  say: string;
  type: AnswerType;
  choices?: ReadonlyArray<{ value: string; label: string }>;
  /** Asked once for every planned code, inside the code loop. */
  perCode?: boolean;
  /** Asked only for these codes (code-specific questions); skipped for the others. */
  onlyFor?: readonly string[];
  /**
   * Other wording for some codes, where part of the question fits only them (whether a frequency limit
   * is shared with the pano or full series). The first entry that lists the code wins.
   */
  wordingFor?: ReadonlyArray<{ codes: readonly string[]; say: string; question: string }>;
  /**
   * What the answer states, and so where it goes in the ledger when the call ends: about the plan (a
   * policy or benefit field, the allowed fee, or kind 'fact': the answer itself, kept for the plan and the
   * code), about this patient's coverage, or an earlier service in the patient's history. The next call
   * on the plan offers plan answers to confirm with one key; a patient's answers are shown but asked
   * again. Steps without it (the rep's name, "member found") state nothing beyond the call.
   */
  learns?: Learns;
  /**
   * Outcome for the current code (or the whole call) when the answer matches (always, without `when`).
   * `ifNone`: only when the code has no outcome yet (e.g. "covered" once nothing else was found).
   */
  outcome?: { when?: Condition; outcome: Outcome; scope: 'code' | 'call'; ifNone?: boolean };
  /** First matching transition wins; the last one has no condition, so no answer is a dead end. */
  next: readonly Transition[];
}

export interface Script {
  id: string;
  version: number;
  start: string;
  /** First step of the per-code loop. */
  codeLoopStart: string;
  /** Where the call goes after the last planned code. */
  afterCodes: string;
  steps: readonly ScriptStep[];
}
