import type { Migration } from '../migrate';
import { rebuildTable } from '../rebuildTable';

/**
 * A provenance row that says "learned on call 12" now has to name a call that exists: call_id gets its
 * foreign key (calls came in migration 6, after provenance). SQLite cannot add one with ALTER TABLE, so
 * the table is rebuilt. Pack imports write provenance without a call id, so they are unaffected.
 */
export const provenanceCallKeyMigration: Migration = {
  version: 10,
  name: 'provenance-call-key',
  rebuildsTables: true,
  up(db) {
    rebuildTable(db, {
      table: 'provenance',
      createSql: `
        CREATE TABLE provenance (
          id INTEGER PRIMARY KEY,
          source TEXT NOT NULL CHECK (source IN ('call', 'manual', 'import')),
          recorded_by TEXT NOT NULL,
          recorded_at TEXT NOT NULL,
          call_id INTEGER REFERENCES calls (id) ON DELETE RESTRICT,
          rep_name TEXT,
          reference_number TEXT
        ) STRICT`,
      columns: ['id', 'source', 'recorded_by', 'recorded_at', 'call_id', 'rep_name', 'reference_number'],
    });
  },
};
