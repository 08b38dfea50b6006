import type { Migration } from '../migrate';

/** Saved estimates and issued Good Faith Estimates: immutable snapshots (triggers refuse changes). */
export const estimatesMigration: Migration = {
  version: 4,
  name: 'estimates',
  up(db) {
    db.exec(`
      CREATE TABLE estimates (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        created_at TEXT NOT NULL,
        created_by TEXT NOT NULL,
        valid_until TEXT NOT NULL CHECK (valid_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        -- The request and the computed view exactly as shown, so a reprint is identical.
        request_json TEXT NOT NULL CHECK (json_valid(request_json)),
        view_json TEXT NOT NULL CHECK (json_valid(view_json))
      ) STRICT;
      CREATE INDEX estimates_by_patient ON estimates (patient_id, created_at);
      CREATE TRIGGER estimates_immutable_update BEFORE UPDATE ON estimates
        BEGIN SELECT RAISE(ABORT, 'saved estimates cannot be changed'); END;
      CREATE TRIGGER estimates_immutable_delete BEFORE DELETE ON estimates
        BEGIN SELECT RAISE(ABORT, 'saved estimates cannot be deleted'); END;
    `);
  },
};
