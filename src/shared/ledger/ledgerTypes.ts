// The ledger of observations: everything VerifyDesk knows about a payer, a plan, a patient's coverage or a
// patient's earlier services is a statement somebody made (a rep on a call, a person at the desk, a
// policy pack, an eligibility file), kept with its source and never changed. What screens and the
// estimate use is derived from these statements (derive.ts).
import { z } from 'zod';

export const OBSERVATION_SOURCES = [
  'call',
  'manual',
  'pack',
  'eligibility_file',
  'eob',
  'resolution',
  'before_ledger',
  /** The fictional sample payers shipped for a first look. */
  'sample',
] as const;
export type ObservationSource = (typeof OBSERVATION_SOURCES)[number];

export const SUBJECT_KINDS = ['payer', 'plan', 'coverage', 'patient'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** What a statement is about: a payer (its defaults per code), a plan, a patient's coverage, a patient. */
export interface Subject {
  kind: SubjectKind;
  id: number;
}

export const subjectSchema = z.strictObject({
  kind: z.enum(SUBJECT_KINDS),
  id: z.number().int().positive(),
});

export const observationSchema = z.strictObject({
  /** Globally unique: the same statement is the same row on every computer that holds it. */
  uid: z.string(),
  subject: subjectSchema,
  /** The CDT code the statement is about; '' for plan- or coverage-wide fields. */
  code: z.string(),
  field: z.string(),
  /** The value stated; null = not known (a person cleared it, or retracts_uid names what is withdrawn). */
  value: z.unknown(),
  /** The day the statement was made (a rep's "as of today", a "stated on" date). */
  observedOn: z.string(),
  /** When it entered this ledger (UTC). */
  recordedAt: z.string(),
  recordedBy: z.string(),
  /** The computer it was recorded on. */
  workstation: z.string(),
  source: z.enum(OBSERVATION_SOURCES),
  callId: z.number().int().positive().nullable(),
  repName: z.string().nullable(),
  referenceNumber: z.string().nullable(),
  /** A file name, a trace number, what a resolution chose between: words for the record. */
  sourceDetail: z.string().nullable(),
  /** This statement withdraws an earlier one (entered in error): that one no longer counts. */
  retracts: z.string().nullable(),
});
export type Observation = z.infer<typeof observationSchema>;

/** How much a field can be trusted today. */
export const FIELD_STATUSES = ['known', 'unknown', 'stale', 'conflict'] as const;
export type FieldStatus = (typeof FIELD_STATUSES)[number];
