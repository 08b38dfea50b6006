import type { Migration } from '../migrate';

/**
 * Eligibility files (X12 271) a person imported: the file itself, kept as received (the source the
 * ledger's statements name, including what VerifyDesk showed but did not record), once per file by its
 * SHA-256, with who imported it and when. Append-only, like the statements that cite it. And indexes
 * to find a coverage by its member ID however the file writes it, and a coverage's newest file.
 */
export const eligibilityFilesMigration: Migration = {
  version: 14,
  name: 'eligibility-files',
  up(db) {
    db.exec(`
      CREATE TABLE eligibility_files (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        payer_name TEXT NOT NULL,
        payer_id TEXT,
        response_date TEXT NOT NULL CHECK (response_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        members_recorded INTEGER NOT NULL CHECK (members_recorded >= 1),
        statements INTEGER NOT NULL CHECK (statements >= 0),
        content TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;
      -- A 271 names members by ID, written with or without dashes and spaces and in any case: found by
      -- the ID as VerifyDesk compares it (the expression eligibilityRepo queries with, exactly).
      CREATE INDEX coverages_by_member_id ON coverages (upper(replace(replace(member_id, '-', ''), ' ', '')));
      -- The re-verify worklist asks, per upcoming appointment, for the newest file about the coverage.
      CREATE INDEX observations_coverage_source ON observations (coverage_id, source, observed_on)
        WHERE coverage_id IS NOT NULL;
      CREATE TRIGGER eligibility_files_append_only BEFORE UPDATE ON eligibility_files
        BEGIN SELECT RAISE(ABORT, 'an imported eligibility file is kept as it was'); END;
      CREATE TRIGGER eligibility_files_no_delete BEFORE DELETE ON eligibility_files
        BEGIN SELECT RAISE(ABORT, 'an imported eligibility file is kept as it was'); END;
    `);
  },
};
