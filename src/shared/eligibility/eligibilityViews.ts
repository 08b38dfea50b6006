// What the eligibility-file import sends and receives: the files (as picked or dropped, each at most
// 5 MB), the review of every member in them, and what was recorded once a person confirmed.
import { z } from 'zod';

export const MAX_ELIGIBILITY_FILE_BYTES = 5 * 1024 * 1024;
/** Base64 of 5 MB, rounded up. */
const MAX_BASE64 = 7_000_000;

export const COINSURANCE_READINGS = ['payer_setting', 'patient_share', 'plan_share'] as const;

export const eligibilityFileSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z
    .base64()
    .max(
      MAX_BASE64,
      'An eligibility file is at most 5 MB. Ask the clearinghouse for smaller batches, or split the file by day.',
    ),
  /** How EB08 percents are read: as this payer is set, or chosen here for this file. */
  coinsurance: z.enum(COINSURANCE_READINGS),
});
export type EligibilityFileInput = z.infer<typeof eligibilityFileSchema>;

const files = z
  .array(eligibilityFileSchema)
  .min(1, 'Choose at least one file.')
  .max(20, 'Import at most 20 files at a time.')
  .refine(
    (list) => list.reduce((sum, f) => sum + f.contentBase64.length, 0) <= 2 * MAX_BASE64,
    'Import at most 10 MB of files at a time.',
  );

export const eligibilityPreviewInputSchema = z.strictObject({ files });
export const eligibilityImportInputSchema = z.strictObject({
  files,
  /** The members a person confirmed (their keys from the preview). */
  confirm: z.array(z.string().min(1).max(200)).min(1, 'Tick at least one member to record.').max(2000),
});

export const MATCHES = ['matched', 'differs', 'not_found', 'rejected', 'no_benefits'] as const;
export type Match = (typeof MATCHES)[number];

const statementViewSchema = z.strictObject({
  /** "Annual maximum: $1,500.00". */
  words: z.string(),
  /** Whose it is: the plan, the member's coverage, the patient's history. */
  about: z.enum(['plan', 'coverage', 'patient']),
  /** What is on file now, in words with its source; null when nothing is. */
  onFile: z.string().nullable(),
  /** The file says something else than what is on file. */
  differs: z.boolean(),
});

export const findingViewSchema = z.strictObject({
  topic: z.string(),
  words: z.array(z.string()),
  statements: z.array(statementViewSchema),
  notes: z.array(z.string()),
  raw: z.array(z.string()),
});
export type FindingView = z.infer<typeof findingViewSchema>;

export const memberReviewSchema = z.strictObject({
  key: z.string(),
  /** As the file names the member. */
  name: z.string(),
  memberId: z.string(),
  birthDate: z.string().nullable(),
  level: z.enum(['subscriber', 'dependent']),
  match: z.enum(MATCHES),
  /** The patient and coverage it matched (also when something differs). */
  patient: z.strictObject({ id: z.number().int(), name: z.string(), dob: z.string() }).nullable(),
  coverage: z
    .strictObject({
      id: z.number().int(),
      payerName: z.string(),
      planName: z.string(),
      groupNumber: z.string().nullable(),
      memberId: z.string(),
    })
    .nullable(),
  /** Why it is not a clean match, or not a match at all, in words. */
  differences: z.array(z.string()),
  /** The payer's request errors (AAA), in words. */
  rejections: z.array(z.string()),
  findings: z.array(findingViewSchema),
  /** How many statements recording this member adds. */
  statements: z.number().int(),
  /** A person may tick it: matched or differing, with something to record, from a file not yet imported. */
  recordable: z.boolean(),
});
export type MemberReview = z.infer<typeof memberReviewSchema>;

export const fileReviewSchema = z.strictObject({
  fileName: z.string(),
  /** Why nothing in the file can be read; null when it was read. */
  error: z.string().nullable(),
  /** "Imported 12/06/2026 by Front Desk": importing the same file again adds nothing. */
  alreadyImported: z.string().nullable(),
  payerName: z.string().nullable(),
  payerId: z.string().nullable(),
  /** The day the payer made the response (YYYY-MM-DD). */
  responseDate: z.string().nullable(),
  /** Test data (ISA15 T) from the clearinghouse. */
  testData: z.boolean(),
  /** How EB08 percents were read for this file, in words. */
  coinsurance: z.string(),
  /** Problems the payer reported for the whole request (AAA in the payer's or office's loop). */
  rejections: z.array(z.string()),
  members: z.array(memberReviewSchema),
});
export type FileReview = z.infer<typeof fileReviewSchema>;

export const eligibilityPreviewSchema = z.strictObject({ files: z.array(fileReviewSchema) });
export type EligibilityPreview = z.infer<typeof eligibilityPreviewSchema>;

export const eligibilityImportResultSchema = z.strictObject({
  members: z.array(
    z.strictObject({ key: z.string(), patientName: z.string(), statements: z.number().int() }),
  ),
  statements: z.number().int(),
  files: z.number().int(),
});
export type EligibilityImportResult = z.infer<typeof eligibilityImportResultSchema>;
