// One row of the re-verify worklist, as the renderer receives it.
import { z } from 'zod';
import { id, isoDate } from '../policy/policyTypes';
import { REVERIFY_REASONS } from './reverify';

export const reverifyItemSchema = z.strictObject({
  patientId: id,
  patientName: z.string(),
  planId: id,
  serviceDate: isoDate,
  codes: z.array(z.string()),
  payerName: z.string(),
  planName: z.string(),
  verifiedOn: isoDate.nullable(),
  /** The fresh eligibility file (271) that checked eligibility for this appointment; null when none. */
  eligibilityCheckedOn: isoDate.nullable(),
  reasons: z.array(z.enum(REVERIFY_REASONS)).min(1),
});
export type ReverifyItem = z.infer<typeof reverifyItemSchema>;
