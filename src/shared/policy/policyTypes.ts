// Payers, plans, per-code policies and patients as the app exchanges them. "Unknown" is a real value:
// tri-states carry 'unknown'; every other field uses null for unknown, never 0, false or ''.
import { z } from 'zod';
import { isIsoDate } from '../dates/calendar';

export const TRI_STATES = ['yes', 'no', 'unknown'] as const;
export const PLAN_TYPES = [
  'ppo',
  'indemnity',
  'dhmo',
  'medicaid',
  'medicare_advantage',
  'medical',
  'unknown',
] as const;
export const NETWORK_STATUSES = ['in_network', 'out_of_network', 'unknown'] as const;
export const COB_METHODS = ['standard', 'non_duplication', 'carve_out', 'unknown'] as const;
export const CATEGORIES = ['diagnostic', 'preventive', 'basic', 'major', 'oral_surgery', 'other'] as const;
export const PRIOR_AUTH = ['required', 'predetermination_recommended', 'not_required', 'unknown'] as const;
export const PA_METHODS = ['portal', 'fax', 'mail', 'phone', 'electronic'] as const;
export const FREQUENCY_PERIODS = ['months', 'benefit_year', 'calendar_year', 'lifetime'] as const;
export const LANGUAGES = ['en', 'es'] as const;
export const RELATIONSHIPS = ['self', 'spouse', 'child', 'other'] as const;

export type Category = (typeof CATEGORIES)[number];

export const LABELS = {
  planType: {
    ppo: 'PPO',
    indemnity: 'Indemnity',
    dhmo: 'DHMO',
    medicaid: 'Medicaid',
    medicare_advantage: 'Medicare Advantage',
    medical: 'Medical',
    unknown: 'Unknown',
  },
  networkStatus: { in_network: 'In network', out_of_network: 'Out of network', unknown: 'Unknown' },
  cobMethod: {
    standard: 'Standard',
    non_duplication: 'Non-duplication',
    carve_out: 'Carve-out',
    unknown: 'Unknown',
  },
  category: {
    diagnostic: 'Diagnostic',
    preventive: 'Preventive',
    basic: 'Basic',
    major: 'Major',
    oral_surgery: 'Oral surgery',
    other: 'Other',
  },
  priorAuth: {
    required: 'Required',
    predetermination_recommended: 'Predetermination recommended',
    not_required: 'Not required',
    unknown: 'Unknown',
  },
  paMethod: { portal: 'Portal', fax: 'Fax', mail: 'Mail', phone: 'Phone', electronic: 'Electronic (EDI)' },
  frequencyPer: {
    months: 'months',
    benefit_year: 'benefit year',
    calendar_year: 'calendar year',
    lifetime: 'lifetime',
  },
  triState: { yes: 'Yes', no: 'No', unknown: 'Unknown' },
} as const;

const text = (max: number) => z.string().trim().min(1).max(max);
/**
 * Hidden or broken characters: control and format characters (they hide text, e.g. right-to-left
 * overrides, zero-width spaces) and lone surrogates (half a character, shown as garbage).
 */
const HIDDEN_OR_BROKEN = /[\p{Cc}\p{Cf}\p{Cs}]/u;
/** A name people read (a person, a payer, a plan): NFC, and nothing hidden or broken in it. */
export const visibleName = (max: number, messages: { empty?: string; hidden: string }) =>
  z
    .string()
    .trim()
    .min(1, messages.empty)
    .max(max)
    .normalize('NFC')
    .refine((s) => !HIDDEN_OR_BROKEN.test(s), messages.hidden);
export const personName = visibleName(100, { hidden: 'Names cannot contain invisible control characters.' });
export const isoDate = z.string().refine(isIsoDate, 'Use a real date written YYYY-MM-DD.');
/** A date of birth: a real date, not before 1900 (the service also refuses one after today). */
export const birthDate = isoDate.refine(
  (d) => d >= '1900-01-01',
  'A date of birth before 1900 is not likely: check the year.',
);
export const cdtCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^D\d{4}$/, 'A CDT code is D and four digits, like D0367.');
export const cents = z.number().int().min(0).max(100_000_000);
export const basisPoints = z.number().int().min(0).max(10_000);
export const id = z.number().int().positive();

export const frequencySchema = z
  .strictObject({
    count: z.number().int().min(1).max(99),
    per: z.enum(FREQUENCY_PERIODS),
    /** Window length when per = 'months' (e.g. 1 per 36 months). */
    months: z.number().int().min(1).max(120).nullable(),
    /** Other codes that use up the same allowance (e.g. pano shares with the full series). */
    sharedWith: z.array(cdtCode).max(20),
  })
  .refine(
    (f) => (f.per === 'months') === (f.months !== null),
    'Give the number of months only for "per N months".',
  );
export type Frequency = z.infer<typeof frequencySchema>;

export const ageLimitsSchema = z
  .strictObject({
    min: z.number().int().min(0).max(120).nullable(),
    max: z.number().int().min(0).max(120).nullable(),
  })
  .refine((a) => a.min === null || a.max === null || a.min <= a.max, 'The minimum age is above the maximum.');

/** What the payer said about one code. null (or 'unknown') = not known yet. */
export const policyValuesSchema = z.strictObject({
  covered: z.enum(TRI_STATES),
  coverageBp: basisPoints.nullable(),
  category: z.enum(CATEGORIES).nullable(),
  frequency: frequencySchema.nullable(),
  ageLimits: ageLimitsSchema.nullable(),
  priorAuth: z.enum(PRIOR_AUTH),
  paMethod: z.enum(PA_METHODS).nullable(),
  paContact: text(200).nullable(),
  paTurnaroundDays: z.number().int().min(0).max(365).nullable(),
  paValidityDays: z.number().int().min(1).max(730).nullable(),
  paAttachments: z.array(text(200)).max(20).nullable(),
  medicalFirst: z.enum(TRI_STATES),
  alternateCode: cdtCode.nullable(),
  bundlingNotes: text(2000).nullable(),
  notes: text(4000).nullable(),
});
export type PolicyValues = z.infer<typeof policyValuesSchema>;
export type PolicyField = keyof PolicyValues;

export const UNKNOWN_POLICY: PolicyValues = {
  covered: 'unknown',
  coverageBp: null,
  category: null,
  frequency: null,
  ageLimits: null,
  priorAuth: 'unknown',
  paMethod: null,
  paContact: null,
  paTurnaroundDays: null,
  paValidityDays: null,
  paAttachments: null,
  medicalFirst: 'unknown',
  alternateCode: null,
  bundlingNotes: null,
  notes: null,
};

export const POLICY_FIELDS = Object.keys(UNKNOWN_POLICY) as PolicyField[];

export const POLICY_FIELD_LABELS: Record<PolicyField, string> = {
  covered: 'Covered',
  coverageBp: 'Coverage %',
  category: 'Category',
  frequency: 'Frequency',
  ageLimits: 'Age limits',
  priorAuth: 'Prior auth',
  paMethod: 'PA: how to submit',
  paContact: 'PA: contact',
  paTurnaroundDays: 'PA: turnaround (days)',
  paValidityDays: 'PA: approval valid (days)',
  paAttachments: 'PA: attachments',
  medicalFirst: 'Medical first',
  alternateCode: 'Alternate benefit code',
  bundlingNotes: 'Bundling',
  notes: 'Notes',
};

/** Plan benefits: what the whole plan pays, with the same unknown rules. */
export const planBenefitsSchema = z.strictObject({
  networkStatus: z.enum(NETWORK_STATUSES),
  benefitYearStartMonth: z.number().int().min(1).max(12).nullable(),
  annualMaxCents: cents.nullable(),
  deductibleIndividualCents: cents.nullable(),
  deductibleFamilyCents: cents.nullable(),
  deductibleWaivedCategories: z.array(z.enum(CATEGORIES)).nullable(),
  coverageByCategory: z.partialRecord(z.enum(CATEGORIES), basisPoints).nullable(),
  /** Months of waiting from the coverage effective date, by category. */
  waitingPeriods: z.partialRecord(z.enum(CATEGORIES), z.number().int().min(0).max(60)).nullable(),
  cobMethod: z.enum(COB_METHODS),
});
export type PlanBenefits = z.infer<typeof planBenefitsSchema>;
export type PlanBenefitField = keyof PlanBenefits;

export const UNKNOWN_BENEFITS: PlanBenefits = {
  networkStatus: 'unknown',
  benefitYearStartMonth: null,
  annualMaxCents: null,
  deductibleIndividualCents: null,
  deductibleFamilyCents: null,
  deductibleWaivedCategories: null,
  coverageByCategory: null,
  waitingPeriods: null,
  cobMethod: 'unknown',
};

export const PLAN_BENEFIT_FIELDS = Object.keys(UNKNOWN_BENEFITS) as PlanBenefitField[];

/** True when a stored value means "not known yet". */
export function isUnknown(value: unknown): boolean {
  return value === null || value === undefined || value === 'unknown';
}
