import type { Migration } from '../migrate';

/** The code catalog, ICD-10-CM entries, the practice's licensed CDT text, and one search index over them. */
export const catalogMigration: Migration = {
  version: 2,
  name: 'catalog',
  up(db) {
    db.exec(`
      CREATE TABLE seed_versions (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE catalog_codes (
        code TEXT PRIMARY KEY CHECK (code GLOB 'D[0-9][0-9][0-9][0-9]'),
        subcategory TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('capture_interpretation', 'capture_only', 'interpretation_only', 'post_processing', 'surface_scan')),
        summary TEXT NOT NULL CHECK (length(summary) > 0),
        valid_from TEXT CHECK (valid_from IS NULL OR valid_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        valid_to TEXT CHECK (valid_to IS NULL OR valid_to GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        dates_uncertain INTEGER NOT NULL CHECK (dates_uncertain IN (0, 1)),
        often_prior_auth INTEGER NOT NULL CHECK (often_prior_auth IN (0, 1)),
        often_medical INTEGER NOT NULL CHECK (often_medical IN (0, 1)),
        -- confusedWith, documentation, denialReasons, cpt, icd10, synonyms: read-only reference lists.
        details_json TEXT NOT NULL CHECK (json_valid(details_json))
      ) STRICT;

      CREATE TABLE icd10_codes (
        code TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        billable INTEGER NOT NULL CHECK (billable IN (0, 1)),
        note TEXT
      ) STRICT;

      -- The practice's licensed CDT text. Stays in this database only: never exported.
      CREATE TABLE licensed_cdt_texts (
        code TEXT PRIMARY KEY CHECK (code GLOB 'D[0-9][0-9][0-9][0-9]'),
        nomenclature TEXT NOT NULL,
        descriptor TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        source_file TEXT NOT NULL
      ) STRICT;

      -- Full-text index of the code catalog (CDT and ICD-10). doc_type/ref say what a row points at.
      -- Other text (policy notes) gets its own index, so catalog lookups never wade through it.
      CREATE VIRTUAL TABLE catalog_search USING fts5(
        doc_type UNINDEXED,
        ref UNINDEXED,
        -- What a result row shows, copied here so a search is one read (rebuilt with the index).
        kind UNINDEXED,
        valid_to UNINDEXED,
        flags UNINDEXED,
        title,
        body,
        synonyms,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE VIRTUAL TABLE catalog_search_vocabulary USING fts5vocab(catalog_search, 'row');
    `);
  },
};
