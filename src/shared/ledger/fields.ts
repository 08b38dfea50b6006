// The fields the ledger holds: which subject each belongs to, whether it is per code, which re-verify
// window applies, the shape of its value and its name in words. A statement about anything else is
// refused before it is recorded.
import { z } from 'zod';
import {
  cents,
  isoDate,
  planBenefitsSchema,
  policyValuesSchema,
  POLICY_FIELD_LABELS,
  type PlanBenefitField,
  type PolicyField,
} from '../policy/policyTypes';
import { answerSchema } from '../script/callViews';
import type { SubjectKind } from './ledgerTypes';

export interface FieldSpec {
  subjects: readonly SubjectKind[];
  perCode: boolean;
  /** Plan answers go stale after the plan window; a patient's after the eligibility window. */
  window: 'plan' | 'eligibility';
  /** Earlier services: every statement is its own value, not a newer version of the last. */
  many: boolean;
  /** The value when known (null, meaning not known, is always allowed). */
  schema: z.ZodType;
  label: string;
}

export const BENEFIT_LABELS: Record<PlanBenefitField, string> = {
  networkStatus: 'Network status',
  benefitYearStartMonth: 'Benefit year starts',
  annualMaxCents: 'Annual maximum',
  deductibleIndividualCents: 'Deductible (individual)',
  deductibleFamilyCents: 'Deductible (family)',
  deductibleWaivedCategories: 'Deductible waived for',
  coverageByCategory: 'Coverage by category',
  waitingPeriods: 'Waiting periods',
  cobMethod: 'Coordination of benefits',
};

/** Statements about one patient's coverage, or their earlier services. */
export const COVERAGE_FIELDS = [
  'effectiveDate',
  'terminationDate',
  'maxUsedCents',
  'maxRemainingCents',
  'deductibleMetCents',
  'nextEligibleOn',
] as const;
export type CoverageField = (typeof COVERAGE_FIELDS)[number];

export const COVERAGE_LABELS: Record<CoverageField, string> = {
  effectiveDate: 'Coverage starts',
  terminationDate: 'Coverage ends',
  maxUsedCents: 'Maximum used',
  maxRemainingCents: 'Maximum left',
  deductibleMetCents: 'Deductible met',
  nextEligibleOn: 'Next eligible',
};

/** A plan's allowed fee for a code, as a rep gave it (the fee schedule file is kept apart). */
export const ALLOWED_FEE_FIELD = 'allowedFeeCents';
/** An earlier service of a code for the patient: { date, reportedBy }. */
export const SERVICE_FIELD = 'service';
export const SERVICE_REPORTERS = ['office', 'payer', 'patient'] as const;
export const serviceValueSchema = z.strictObject({ date: isoDate, reportedBy: z.enum(SERVICE_REPORTERS) });
export type ServiceValue = z.infer<typeof serviceValueSchema>;

/** Plan knowledge kept as the answer a call gave ("fact:<step id>"), for steps with no structured field. */
export const FACT_PREFIX = 'fact:';
export const factField = (stepId: string) => `${FACT_PREFIX}${stepId}`;

const spec = (s: Partial<FieldSpec> & Pick<FieldSpec, 'subjects' | 'schema' | 'label'>): FieldSpec => ({
  perCode: false,
  window: 'plan',
  many: false,
  ...s,
});

const FIELDS: Record<string, FieldSpec> = {
  ...Object.fromEntries(
    (Object.keys(BENEFIT_LABELS) as PlanBenefitField[]).map((f) => [
      f,
      spec({ subjects: ['plan'], schema: planBenefitsSchema.shape[f], label: BENEFIT_LABELS[f] }),
    ]),
  ),
  ...Object.fromEntries(
    (Object.keys(POLICY_FIELD_LABELS) as PolicyField[]).map((f) => [
      f,
      spec({
        subjects: ['plan', 'payer'],
        perCode: true,
        schema: policyValuesSchema.shape[f],
        label: POLICY_FIELD_LABELS[f],
      }),
    ]),
  ),
  [ALLOWED_FEE_FIELD]: spec({ subjects: ['plan'], perCode: true, schema: cents, label: 'Allowed fee' }),
  effectiveDate: spec({
    subjects: ['coverage'],
    window: 'eligibility',
    schema: isoDate,
    label: 'Coverage starts',
  }),
  terminationDate: spec({
    subjects: ['coverage'],
    window: 'eligibility',
    schema: isoDate,
    label: 'Coverage ends',
  }),
  maxUsedCents: spec({ subjects: ['coverage'], window: 'eligibility', schema: cents, label: 'Maximum used' }),
  maxRemainingCents: spec({
    subjects: ['coverage'],
    window: 'eligibility',
    schema: cents,
    label: 'Maximum left',
  }),
  deductibleMetCents: spec({
    subjects: ['coverage'],
    window: 'eligibility',
    schema: cents,
    label: 'Deductible met',
  }),
  nextEligibleOn: spec({
    subjects: ['coverage'],
    perCode: true,
    window: 'eligibility',
    schema: isoDate,
    label: 'Next eligible',
  }),
  [SERVICE_FIELD]: spec({
    subjects: ['patient'],
    perCode: true,
    window: 'eligibility',
    many: true,
    schema: serviceValueSchema,
    label: 'Earlier service',
  }),
};

const FACT_SPEC = spec({ subjects: ['plan'], schema: answerSchema, label: 'Plan fact' });

export function fieldSpec(field: string): FieldSpec | null {
  if (field.startsWith(FACT_PREFIX)) return /^fact:[a-z_]{1,60}$/.test(field) ? FACT_SPEC : null;
  return Object.hasOwn(FIELDS, field) ? FIELDS[field]! : null;
}

/**
 * Checks a statement before it is recorded: a field the ledger knows, for this kind of subject, with a
 * code exactly when the field is per code, and a value of the field's shape (or null: not known).
 * Returns the problem in words, or null.
 */
export function observationProblem(o: {
  subjectKind: SubjectKind;
  code: string;
  field: string;
  value: unknown;
}): string | null {
  const s = fieldSpec(o.field);
  if (!s) return `"${o.field}" is not something VerifyDesk records.`;
  if (!s.subjects.includes(o.subjectKind)) return `"${s.label}" is not recorded for a ${o.subjectKind}.`;
  if (
    o.field.startsWith(FACT_PREFIX)
      ? o.code !== '' && !/^D\d{4}$/.test(o.code)
      : s.perCode !== (o.code !== '')
  )
    return s.perCode ? `"${s.label}" needs the code it is about.` : `"${s.label}" is not per code.`;
  if (o.code !== '' && !/^D\d{4}$/.test(o.code)) return `${o.code} is not a CDT code.`;
  if (o.value === null) return null;
  return s.schema.safeParse(o.value).success ? null : `That is not a valid value for "${s.label}".`;
}
