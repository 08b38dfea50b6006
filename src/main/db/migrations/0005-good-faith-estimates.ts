import type { Migration } from '../migrate';

/** Issued Good Faith Estimates: frozen snapshots that reprint exactly as issued. */
export const goodFaithEstimatesMigration: Migration = {
  version: 5,
  name: 'good-faith-estimates',
  up(db) {
    db.exec(`
      CREATE TABLE good_faith_estimates (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        issued_at TEXT NOT NULL,
        snapshot_json TEXT NOT NULL CHECK (json_valid(snapshot_json))
      ) STRICT;
      CREATE INDEX good_faith_estimates_by_patient ON good_faith_estimates (patient_id, issued_at);
      CREATE TRIGGER good_faith_estimates_immutable_update BEFORE UPDATE ON good_faith_estimates
        BEGIN SELECT RAISE(ABORT, 'an issued Good Faith Estimate cannot be changed'); END;
      CREATE TRIGGER good_faith_estimates_immutable_delete BEFORE DELETE ON good_faith_estimates
        BEGIN SELECT RAISE(ABORT, 'an issued Good Faith Estimate cannot be deleted'); END;
    `);
  },
};
