// What the estimate engine takes and gives. All money is integer cents, all rates basis points, all
// dates YYYY-MM-DD. null means unknown, never zero.
import type { Category, Frequency, PlanBenefits, PolicyValues } from '../policy/policyTypes';

export interface EstimateLineInput {
  id: string;
  code: string;
  tooth: string | null;
  feeCents: number;
  serviceDate: string;
}

/** What the payer said about one code on this plan (the policy store's answers). */
export type CodePolicy = Pick<
  PolicyValues,
  | 'covered'
  | 'coverageBp'
  | 'category'
  | 'frequency'
  | 'ageLimits'
  | 'alternateCode'
  | 'medicalFirst'
  | 'priorAuth'
>;

export interface CoverageInput {
  ordinal: 1 | 2;
  label: string;
  planType: 'ppo' | 'indemnity' | 'dhmo' | 'medicaid' | 'medicare_advantage' | 'medical' | 'unknown';
  benefits: PlanBenefits;
  effectiveDate: string | null;
  terminationDate: string | null;
  maxUsedCents: number | null;
  deductibleMetCents: number | null;
  /** What the rest of the family has used of a family maximum / met of a family deductible. */
  familyMaxCents: number | null;
  familyMaxUsedCents: number | null;
  familyDeductibleMetCents: number | null;
  /** The plan's allowed fee per code (PPO schedule); a missing code means unknown. */
  allowedFees: Readonly<Record<string, number>>;
  policies: Readonly<Record<string, CodePolicy>>;
  /** The prior-authorization request for each code on this plan, when there is one. */
  priorAuth: Readonly<Record<string, PriorAuthInput>>;
  /** Per code, the date the payer said the patient is next eligible (frequency), when said. */
  nextEligible: Readonly<Record<string, string>>;
}

/**
 * A prior-authorization request as the estimate needs it. 'other_code': no request names this code, but
 * an approval on the plan names `forCode` (it does not cover this one).
 */
export interface PriorAuthInput {
  status: 'approved' | 'pending' | 'denied' | 'other_code';
  authNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  forCode: string | null;
}

/** Where prior authorization stands for a line on one plan. */
export const PA_LINE_STATUSES = [
  'not_required',
  'unknown',
  'not_requested',
  'pending',
  'denied',
  'approved',
  'expires_before',
  'starts_after',
  'other_code',
] as const;
export type PaLineStatus = (typeof PA_LINE_STATUSES)[number];

export interface PaLine {
  ordinal: 1 | 2;
  status: PaLineStatus;
  authNumber: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** For 'other_code': the code the approval names. */
  forCode: string | null;
}

export interface EstimateInput {
  patientDob: string;
  lines: EstimateLineInput[];
  /** The office fee per code, for an alternate-benefit code's price. */
  officeFees: Readonly<Record<string, number>>;
  coverages: CoverageInput[];
  /** Earlier services: code and date. */
  history: ReadonlyArray<{ code: string; serviceDate: string }>;
}

export type NoteCode =
  | 'not_active'
  | 'allowed_unknown'
  | 'downgraded'
  | 'not_covered'
  | 'zero_percent'
  | 'medical_first'
  | 'frequency'
  | 'waiting_period'
  | 'age_limit'
  | 'deductible'
  | 'over_annual_max'
  | 'over_family_max'
  | 'max_unknown'
  | 'cob'
  | 'write_off_trimmed'
  | 'prior_auth_required'
  | 'prior_auth_pending'
  | 'prior_auth_denied'
  | 'prior_auth_expires'
  | 'prior_auth_not_started'
  | 'prior_auth_other_code'
  | 'dhmo_not_estimated'
  /**
   * Added by the estimate service: answers older than the re-verify window, reps who disagree, never
   * verified, and a benefit year that starts again before the visit.
   */
  | 'stale'
  | 'conflict'
  | 'not_verified'
  | 'benefit_year_reset';

/** A reason attached to an amount: why it was zeroed, capped or could not be known. */
export interface Note {
  code: NoteCode;
  /** For the desk, in English, dates as MM/DD/YYYY. */
  text: string;
  /** The date the note turns on (next eligible, covered from, the date of service), YYYY-MM-DD, so a
   * printout can say it in its reader's convention. */
  date?: string;
}

export interface CoverageLineResult {
  ordinal: 1 | 2;
  allowedCents: number | null;
  deductibleCents: number;
  /** null: cannot be estimated; `unknown` says why. */
  insuranceCents: number | null;
  writeOffCents: number;
  unknown: string | null;
  notes: Note[];
}

export interface LineResult {
  id: string;
  code: string;
  tooth: string | null;
  feeCents: number;
  coverages: CoverageLineResult[];
  insuranceCents: number | null;
  writeOffCents: number;
  patientCents: number | null;
  /** Every reason an amount on this line is unknown. */
  unknown: string[];
  flags: Note[];
  /** Prior authorization for the line on each plan. */
  priorAuth: PaLine[];
}

export interface CoverageTotals {
  ordinal: 1 | 2;
  insuranceCents: number | null;
  /** Annual maximum left after this estimate; null when unknown. */
  maxRemainingCents: number | null;
  deductibleRemainingCents: number | null;
}

export interface EstimateResult {
  lines: LineResult[];
  totals: {
    feeCents: number;
    insuranceCents: number | null;
    writeOffCents: number;
    patientCents: number | null;
  };
  coverages: CoverageTotals[];
}

export type { Category, Frequency };
