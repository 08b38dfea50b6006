// The code catalog as the app sees it: CDT imaging codes with our own summaries, and ICD-10-CM entries.
import { z } from 'zod';

export const CODE_KINDS = [
  'capture_interpretation',
  'capture_only',
  'interpretation_only',
  'post_processing',
  'surface_scan',
] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

export const KIND_LABELS: Record<CodeKind, string> = {
  capture_interpretation: 'Capture + interpretation',
  capture_only: 'Capture only',
  interpretation_only: 'Interpretation only',
  post_processing: 'Post-processing',
  surface_scan: 'Surface scan',
};

const isoDate = z.iso.date();

/** One CDT code as shipped in resources/catalog (our words; never the ADA descriptor). */
export const catalogCodeSchema = z.strictObject({
  code: z.string().regex(/^D\d{4}$/),
  subcategory: z.string().min(1),
  kind: z.enum(CODE_KINDS),
  summary: z.string().min(1),
  /** null: in use since before CDT 2013; the exact start is not tracked. */
  validFrom: isoDate.nullable(),
  /** null: still valid. */
  validTo: isoDate.nullable(),
  /** True when a public source could not confirm the start or end date. */
  datesUncertain: z.boolean(),
  confusedWith: z.array(z.strictObject({ code: z.string(), difference: z.string().min(1) })),
  documentation: z.array(z.string()),
  denialReasons: z.array(z.string()),
  oftenPriorAuth: z.boolean(),
  oftenMedical: z.boolean(),
  cpt: z.array(z.strictObject({ code: z.string().regex(/^\d{4}[0-9T]$/), note: z.string().min(1) })),
  icd10: z.array(z.string()),
  synonyms: z.array(z.string()),
});
export type CatalogCode = z.infer<typeof catalogCodeSchema>;

export const catalogFileSchema = z.strictObject({
  catalogVersion: z.number().int().positive(),
  cdtNote: z.string(),
  icdSource: z.string(),
  codes: z.array(catalogCodeSchema),
});

export const icd10EntrySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$/),
  title: z.string().min(1),
  billable: z.boolean(),
  /** Why a non-billable code is not billable, and what to bill instead. */
  note: z.string().nullable(),
});
export type Icd10Entry = z.infer<typeof icd10EntrySchema>;

export const icd10FileSchema = z.strictObject({
  icd10Version: z.string(),
  source: z.string(),
  codes: z.array(icd10EntrySchema),
});

/** Official CDT text from the practice's own licensed file, if it has been imported. */
export const licensedTextSchema = z.strictObject({
  nomenclature: z.string(),
  descriptor: z.string(),
  importedAt: z.string(),
  sourceFile: z.string(),
});

export const searchResultSchema = z.strictObject({
  type: z.enum(['cdt', 'icd10']),
  code: z.string(),
  title: z.string(),
  /** For CDT codes: the kind label; for ICD-10: "Billable" or "Not billable". */
  detail: z.string(),
  deleted: z.boolean(),
  oftenPriorAuth: z.boolean(),
  oftenMedical: z.boolean(),
  match: z.enum(['exact', 'prefix', 'text']),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.strictObject({
  results: z.array(searchResultSchema),
  /** Words that were not found and what was searched instead ("ultrasond" -> "ultrasound"). */
  corrections: z.array(z.strictObject({ from: z.string(), to: z.array(z.string()) })),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const codeDetailSchema = z.strictObject({
  code: catalogCodeSchema,
  deleted: z.boolean(),
  licensed: licensedTextSchema.nullable(),
  /** Each confused-with code with its own summary when it is in the catalog. */
  confusedWith: z.array(
    z.strictObject({ code: z.string(), difference: z.string(), summary: z.string().nullable() }),
  ),
  icd10: z.array(icd10EntrySchema),
});
export type CodeDetail = z.infer<typeof codeDetailSchema>;

export const icd10DetailSchema = z.strictObject({
  entry: icd10EntrySchema,
  /** CDT codes whose typical diagnoses include this one. */
  usedBy: z.array(z.strictObject({ code: z.string(), summary: z.string() })),
});
export type Icd10Detail = z.infer<typeof icd10DetailSchema>;

/** A code is deleted when its last valid day is before the given date. */
export function isDeletedOn(code: Pick<CatalogCode, 'validTo'>, date: string): boolean {
  return code.validTo !== null && code.validTo < date;
}

export const importIssueSchema = z.strictObject({
  line: z.number().int(),
  column: z.enum(['code', 'nomenclature', 'descriptor']).nullable(),
  message: z.string(),
});

export const licensedImportPreviewSchema = z.strictObject({
  fileName: z.string(),
  rowCount: z.number().int(),
  /** Catalog codes that get official text for the first time. */
  newCount: z.number().int(),
  /** Catalog codes whose official text differs from what was imported before. */
  changedCount: z.number().int(),
  unchangedCount: z.number().int(),
  /** Codes in the file that are outside VerifyDesk's imaging catalog: not stored. First 50 listed. */
  unknownCodes: z.array(z.string()),
  unknownCount: z.number().int(),
  /** Problems that block the import. First 200 listed. */
  issues: z.array(importIssueSchema),
  issueCount: z.number().int(),
});
export type LicensedImportPreview = z.infer<typeof licensedImportPreviewSchema>;
