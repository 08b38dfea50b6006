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

/** ICD-10-CM inclusion terms and index entries for the shipped diagnoses (official wording). */
export const icd10TermsFileSchema = z.strictObject({
  icd10Version: z.string(),
  source: z.string(),
  codes: z.array(
    z.strictObject({
      code: icd10EntrySchema.shape.code,
      inclusion: z.array(z.string().min(1)).optional(),
      index: z.array(z.string().min(1)).optional(),
    }),
  ),
});

/** Our own everyday words for diagnoses, and word groups that mean the same to the desk. */
export const staffWordsFileSchema = z.strictObject({
  note: z.string(),
  codes: z.array(z.strictObject({ code: icd10EntrySchema.shape.code, words: z.array(z.string().min(1)) })),
  sameWords: z.array(z.array(z.string().min(1)).min(2)),
});

/** Official CDT text from the practice's own licensed file, if it has been imported. */
export const licensedTextSchema = z.strictObject({
  nomenclature: z.string(),
  descriptor: z.string(),
  importedAt: z.string(),
  sourceFile: z.string(),
});

/** Where a word that found an entry came from, shown so a person can trust (or doubt) the match. */
export const TERM_SOURCES = ['inclusion', 'index', 'ours', 'licensed'] as const;
export type TermSource = (typeof TERM_SOURCES)[number];

export const TERM_SOURCE_LABELS: Record<TermSource, string> = {
  inclusion: 'ICD-10-CM inclusion term',
  index: 'ICD-10-CM index entry',
  ours: "VerifyDesk's everyday words",
  licensed: "the practice's licensed CDT text",
};

export const RESULT_TYPES = ['cdt', 'icd10', 'cpt'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/** Group headings, in the order groups are shown when nothing puts one ahead of another. */
export const RESULT_GROUP_LABELS: Record<ResultType, string> = {
  cdt: 'CDT codes',
  icd10: 'ICD-10-CM diagnoses',
  cpt: 'CPT hints for medical claims',
};

export const searchResultSchema = z.strictObject({
  type: z.enum(RESULT_TYPES),
  code: z.string(),
  title: z.string(),
  /** For CDT codes: the kind label; for ICD-10: billable or not; for CPT: the CDT codes it goes with. */
  detail: z.string(),
  deleted: z.boolean(),
  oftenPriorAuth: z.boolean(),
  oftenMedical: z.boolean(),
  match: z.enum(['exact', 'prefix', 'text']),
  /** The term that found it when the title alone did not ("Stone of salivary gland or duct"). */
  via: z.strictObject({ text: z.string(), source: z.enum(TERM_SOURCES) }).nullable(),
  /** CPT hints: the CDT codes whose medical cross-walk lists this number (one opens on Enter). */
  related: z.array(z.string()),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const searchResponseSchema = z.strictObject({
  /** Grouped by type (all of one group, then the next), best group first, best hit first in each. */
  results: z.array(searchResultSchema),
  /** Words that were not found and what was searched instead ("ultrasond" -> "ultrasound"). */
  corrections: z.array(z.strictObject({ from: z.string(), to: z.array(z.string()) })),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

/**
 * One searchable entry as the search engine reads it. Main builds these from the database and the
 * shipped term lists; the window gets the same list once and searches it itself, so typing never waits
 * for a round trip.
 */
export const searchDocSchema = z.strictObject({
  type: z.enum(RESULT_TYPES),
  code: z.string(),
  title: z.string(),
  detail: z.string(),
  /** CDT kind; null for diagnoses and CPT hints. */
  kind: z.enum(CODE_KINDS).nullable(),
  /** Last valid day of a deleted CDT code, or null. */
  validTo: isoDate.nullable(),
  oftenPriorAuth: z.boolean(),
  oftenMedical: z.boolean(),
  /** False for ICD-10-CM headers; true otherwise. */
  billable: z.boolean(),
  /** Strong words: synonyms, official inclusion and index terms, our everyday words, licensed names. */
  terms: z.array(z.strictObject({ text: z.string(), source: z.enum(TERM_SOURCES) })),
  /** Weak words: notes, documentation, denial reasons, licensed descriptors. */
  body: z.string(),
  related: z.array(z.string()),
});
export type SearchDoc = z.infer<typeof searchDocSchema>;

export const searchIndexDataSchema = z.strictObject({
  docs: z.array(searchDocSchema),
  /** Word groups that mean the same to the desk ("lump", "mass"); ours, see staff-words.json. */
  sameWords: z.array(z.array(z.string())),
});
export type SearchIndexData = z.infer<typeof searchIndexDataSchema>;

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
  /** Official inclusion and index terms, then our everyday words, that find this diagnosis. */
  terms: z.array(z.strictObject({ text: z.string(), source: z.enum(TERM_SOURCES) })),
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
