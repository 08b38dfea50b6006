// What the screens send and receive for payers, plans, policies and patients.
import { z } from 'zod';
import { FIELD_STATUSES, observationSchema } from '../ledger/ledgerTypes';
import {
  cdtCode,
  cents,
  id,
  birthDate,
  isoDate,
  LANGUAGES,
  PLAN_TYPES,
  PLAN_BENEFIT_FIELDS,
  planBenefitsSchema,
  POLICY_FIELDS,
  policyValuesSchema,
  personName,
  visibleName,
  RELATIONSHIPS,
  TRI_STATES,
} from './policyTypes';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable();

const phone = optionalText(40).refine(
  (p) => p === null || /^[0-9+()\-.\sxX#]{7,40}$/.test(p),
  'Use digits, spaces, ( ) - + or x for an extension.',
);

// ---- payers ----

export const payerInputSchema = z.strictObject({
  name: visibleName(120, {
    empty: 'Give the payer a name.',
    hidden: 'The payer name contains an invisible or broken character.',
  }),
  electronicPayerId: optionalText(20),
  phoneBenefits: phone,
  phonePriorAuth: phone,
  phoneMedical: phone,
  phoneProviderServices: phone,
  portalUrl: optionalText(300).refine(
    (u) => u === null || /^https:\/\/[^\s]+$/.test(u),
    'A portal address starts with https://.',
  ),
  fax: phone,
  claimsAddress: optionalText(300),
  notes: optionalText(4000),
  sendsInvertedCoinsurance: z.enum(TRI_STATES),
});
export type PayerInput = z.infer<typeof payerInputSchema>;

export const payerSchema = z.strictObject({
  ...payerInputSchema.shape,
  id,
  name: z.string(),
  isSample: z.boolean(),
  planCount: z.number().int(),
  updatedAt: z.string(),
});
export type Payer = z.infer<typeof payerSchema>;

// ---- field views: a value derived from the ledger, where it came from, and whether to trust it ----

export const fieldViewSchema = z.strictObject({
  value: z.unknown(),
  status: z.enum(FIELD_STATUSES),
  /** The statement the value comes from; null when nothing was ever said. */
  source: observationSchema.nullable(),
  /** When status is "conflict": the latest statement of each differing answer, newest first. */
  conflict: z.array(observationSchema),
  /** True when the value comes from the payer-wide default, not the plan itself. */
  inherited: z.boolean(),
  /** How many statements the field's history holds (the history itself is read on request). */
  statements: z.number().int(),
});
export type FieldView = z.infer<typeof fieldViewSchema>;

// ---- plans ----

export const planInputSchema = z.strictObject({
  payerId: id,
  name: visibleName(120, {
    empty: 'Give the plan a name.',
    hidden: 'The plan name contains an invisible or broken character.',
  }),
  groupNumber: optionalText(40),
  employerName: optionalText(120),
  planType: z.enum(PLAN_TYPES),
  notes: optionalText(4000),
});
export type PlanInput = z.infer<typeof planInputSchema>;

export const planSchema = z.strictObject({
  ...planInputSchema.shape,
  id,
  payerName: z.string(),
  isSample: z.boolean(),
  benefits: z.record(z.enum(PLAN_BENEFIT_FIELDS), fieldViewSchema),
  updatedAt: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

export const planSummarySchema = z.strictObject({
  id,
  payerId: id,
  payerName: z.string(),
  name: z.string(),
  groupNumber: z.string().nullable(),
  employerName: z.string().nullable(),
  planType: z.enum(PLAN_TYPES),
  isSample: z.boolean(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

export const benefitsPatchSchema = planBenefitsSchema.partial();

// ---- the policy matrix ----

export const policyRowSchema = z.strictObject({
  code: z.string(),
  summary: z.string(),
  cells: z.record(z.enum(POLICY_FIELDS), fieldViewSchema),
});
export const policyMatrixSchema = z.strictObject({
  plan: planSummarySchema,
  rows: z.array(policyRowSchema),
});
export type PolicyMatrix = z.infer<typeof policyMatrixSchema>;
export type PolicyRow = z.infer<typeof policyRowSchema>;

export const policyPatchSchema = policyValuesSchema.partial();

// ---- patients and coverage ----

export const patientInputSchema = z.strictObject({
  firstName: personName,
  lastName: personName,
  dob: birthDate,
  preferredLanguage: z.enum(LANGUAGES),
  phone,
});
export type PatientInput = z.infer<typeof patientInputSchema>;

export const patientSummarySchema = z.strictObject({
  id,
  firstName: z.string(),
  lastName: z.string(),
  dob: z.string(),
  preferredLanguage: z.enum(LANGUAGES),
  isSample: z.boolean(),
});
export type PatientSummary = z.infer<typeof patientSummarySchema>;

export const coverageInputSchema = z
  .strictObject({
    patientId: id,
    planId: id,
    ordinal: z.union([z.literal(1), z.literal(2)]),
    memberId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,30}$/, 'A member ID is 1-30 letters, digits or dashes.'),
    subscriberName: personName,
    subscriberDob: birthDate.nullable(),
    relationship: z.enum(RELATIONSHIPS),
    effectiveDate: isoDate.nullable(),
    terminationDate: isoDate.nullable(),
    maxUsedCents: cents.nullable(),
    maxUsedStatedOn: isoDate.nullable(),
    deductibleMetCents: cents.nullable(),
    deductibleMetStatedOn: isoDate.nullable(),
  })
  .refine(
    (c) => c.effectiveDate === null || c.terminationDate === null || c.effectiveDate <= c.terminationDate,
    { message: 'The coverage ends before it starts.', path: ['terminationDate'] },
  )
  .refine((c) => (c.maxUsedCents === null) === (c.maxUsedStatedOn === null), {
    message: 'Give the date the payer stated the maximum used.',
    path: ['maxUsedStatedOn'],
  })
  .refine((c) => (c.deductibleMetCents === null) === (c.deductibleMetStatedOn === null), {
    message: 'Give the date the payer stated the deductible met.',
    path: ['deductibleMetStatedOn'],
  });
export type CoverageInput = z.infer<typeof coverageInputSchema>;

export const coverageSchema = z.strictObject({
  id,
  patientId: id,
  plan: planSummarySchema,
  ordinal: z.union([z.literal(1), z.literal(2)]),
  memberId: z.string(),
  subscriberName: z.string(),
  subscriberDob: z.string().nullable(),
  relationship: z.enum(RELATIONSHIPS),
  // What the payer said about this member, from the ledger ("stated on" is the source's day).
  effectiveDate: fieldViewSchema,
  terminationDate: fieldViewSchema,
  maxUsed: fieldViewSchema,
  maxRemaining: fieldViewSchema,
  deductibleMet: fieldViewSchema,
});
export type Coverage = z.infer<typeof coverageSchema>;

export const serviceRecordSchema = z.strictObject({
  /** The statement's id: a record made in error is withdrawn by it. */
  uid: z.string(),
  code: z.string(),
  serviceDate: z.string(),
  /** Whose records it is from: the office's, the payer's history, or what the patient said. */
  source: z.enum(['office', 'payer', 'patient']),
  statement: observationSchema,
});
export type ServiceRecord = z.infer<typeof serviceRecordSchema>;

export const patientSchema = z.strictObject({
  ...patientSummarySchema.shape,
  phone: z.string().nullable(),
  coverages: z.array(coverageSchema),
  serviceHistory: z.array(serviceRecordSchema),
});
export type Patient = z.infer<typeof patientSchema>;

export const serviceRecordInputSchema = z.strictObject({
  patientId: id,
  code: cdtCode,
  serviceDate: isoDate,
  source: z.enum(['office', 'payer', 'patient']),
});
