// What the estimate screen sends and receives.
import { z } from 'zod';
import { cdtCode, cents, id, isoDate } from '../policy/policyTypes';
import { PA_LINE_STATUSES } from './estimateTypes';

export const estimateLineRequestSchema = z.strictObject({
  code: cdtCode,
  tooth: z.string().trim().max(20).nullable(),
  serviceDate: isoDate,
  /** null: use the office fee schedule. */
  feeCents: cents.nullable(),
});

export const estimateRequestSchema = z.strictObject({
  patientId: id,
  lines: z.array(estimateLineRequestSchema).min(1).max(100),
  /** Estimate as self-pay even when coverage is on file. */
  selfPay: z.boolean(),
});
export type EstimateRequest = z.infer<typeof estimateRequestSchema>;

const note = z.strictObject({ code: z.string(), text: z.string(), date: isoDate.optional() });
const coverageLine = z.strictObject({
  ordinal: z.union([z.literal(1), z.literal(2)]),
  allowedCents: z.number().int().nullable(),
  deductibleCents: z.number().int(),
  insuranceCents: z.number().int().nullable(),
  writeOffCents: z.number().int(),
  unknown: z.string().nullable(),
  notes: z.array(note),
});

export const estimateViewSchema = z.strictObject({
  patient: z.strictObject({ id, name: z.string(), preferredLanguage: z.enum(['en', 'es']) }),
  coverages: z.array(
    z.strictObject({
      ordinal: z.union([z.literal(1), z.literal(2)]),
      label: z.string(),
      payerName: z.string(),
      planName: z.string(),
      planType: z.string(),
      /** Last 4 characters only, for anything a patient may see. */
      memberIdMasked: z.string(),
      /** The date the plan's answers were last confirmed, if ever. */
      lastVerified: z.string().nullable(),
    }),
  ),
  lines: z.array(
    z.strictObject({
      id: z.string(),
      code: z.string(),
      summary: z.string(),
      tooth: z.string().nullable(),
      serviceDate: z.string(),
      feeCents: z.number().int(),
      coverages: z.array(coverageLine),
      insuranceCents: z.number().int().nullable(),
      writeOffCents: z.number().int(),
      patientCents: z.number().int().nullable(),
      unknown: z.array(z.string()),
      flags: z.array(note),
      /** Where prior authorization stands for the line on each plan. */
      priorAuth: z.array(
        z.strictObject({
          ordinal: z.union([z.literal(1), z.literal(2)]),
          status: z.enum(PA_LINE_STATUSES),
          authNumber: z.string().nullable(),
          validFrom: z.string().nullable(),
          validTo: z.string().nullable(),
          forCode: z.string().nullable(),
        }),
      ),
    }),
  ),
  totals: z.strictObject({
    feeCents: z.number().int(),
    insuranceCents: z.number().int().nullable(),
    writeOffCents: z.number().int(),
    patientCents: z.number().int().nullable(),
  }),
  coverageTotals: z.array(
    z.strictObject({
      ordinal: z.union([z.literal(1), z.literal(2)]),
      insuranceCents: z.number().int().nullable(),
      maxRemainingCents: z.number().int().nullable(),
      deductibleRemainingCents: z.number().int().nullable(),
    }),
  ),
  selfPay: z.boolean(),
});
export type EstimateView = z.infer<typeof estimateViewSchema>;

export const savedEstimateSchema = z.strictObject({
  id,
  createdAt: z.string(),
  createdBy: z.string(),
  validUntil: z.string(),
  request: estimateRequestSchema,
  view: estimateViewSchema,
});
export type SavedEstimate = z.infer<typeof savedEstimateSchema>;
