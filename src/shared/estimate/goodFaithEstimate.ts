// The Good Faith Estimate (No Surprises Act) for uninsured or self-pay patients: what it must contain,
// and the timing rule the desk is reminded of. An issued GFE is a frozen snapshot, reprinted as issued.
import { z } from 'zod';
import { addDays, parseIsoDate } from '../dates/calendar';
import { cdtCode, cents, id, isoDate } from '../policy/policyTypes';

const icd10 = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'Write an ICD-10-CM code like K11.5.');

export const gfeRequestSchema = z.strictObject({
  patientId: id,
  /** The primary service in plain words, e.g. "Cone-beam CT scan before implant surgery". */
  primaryService: z.string().trim().min(3, 'Describe the main service in a few words.').max(200),
  scheduledDate: isoDate.nullable(),
  items: z
    .array(
      z.strictObject({
        code: cdtCode,
        diagnosisCodes: z.array(icd10).max(4),
        /** null: the office fee. */
        feeCents: cents.nullable(),
      }),
    )
    .min(1, 'Add at least one service.')
    .max(50),
});
export type GfeRequest = z.infer<typeof gfeRequestSchema>;

/** Everything printed on an issued GFE, frozen when it is issued. */
export const gfeSnapshotSchema = z.strictObject({
  id,
  issuedOn: z.string(),
  issuedBy: z.string(),
  language: z.enum(['en', 'es']),
  patient: z.strictObject({ name: z.string(), dob: z.string() }),
  provider: z.strictObject({
    name: z.string(),
    npi: z.string(),
    tin: z.string(),
    address: z.string(),
    phone: z.string(),
  }),
  primaryService: z.string(),
  scheduledDate: z.string().nullable(),
  items: z.array(
    z.strictObject({
      code: z.string(),
      diagnosisCodes: z.array(z.string()),
      /**
       * Each code's official ICD-10-CM title, so the patient reads what the code means (estimates issued
       * before titles were printed have none and reprint as they were).
       */
      diagnoses: z.array(z.strictObject({ code: z.string(), title: z.string().nullable() })).optional(),
      expectedCents: z.number().int(),
    }),
  ),
  totalCents: z.number().int(),
});
export type GfeSnapshot = z.infer<typeof gfeSnapshotSchema>;

/** A bill this much or more above the estimate can be disputed. */
export const DISPUTE_THRESHOLD_CENTS = 40_000;

function isWeekday(date: string): boolean {
  const p = parseIsoDate(date)!;
  // Zeller-free weekday: 1970-01-01 was a Thursday.
  const days = Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;
  const weekday = (((days + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** Business days (Monday to Friday) after `from` up to and including `to`. Holidays are not known here. */
export function businessDaysBetween(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWeekday(d)) count++;
  return count;
}

/** The date by which the GFE must be given, or null when the rule does not set one. */
export function gfeDueDate(today: string, scheduledDate: string | null): string | null {
  if (scheduledDate === null) return null;
  const ahead = businessDaysBetween(today, scheduledDate);
  const within = ahead >= 10 ? 3 : ahead >= 3 ? 1 : null;
  if (within === null) return null;
  let due = today;
  for (let n = 0; n < within;) {
    due = addDays(due, 1);
    if (isWeekday(due)) n++;
  }
  return due;
}
