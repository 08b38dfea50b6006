import type { Migration } from '../migrate';

/**
 * What several desks on one office database need, on both engines (the PostgreSQL text is the same
 * change in its dialect; pgSchema.ts):
 * - prior authorizations carry a version and who changed them last, so an edit made from an older copy
 *   is refused with who changed it and when (to-do marks already have one);
 * - rows brought in from another computer's database remember which row they were there (merged_rows),
 *   so merging the same computer twice brings nothing twice;
 * - that computer's audit trail is kept as it was (merged_audit_log), append-only; the office trail's
 *   merge entry names its last hash.
 */
export const officeDatabaseMigration: Migration = {
  version: 16,
  name: 'office-database',
  up(db) {
    db.exec(`
      ALTER TABLE prior_auths ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE prior_auths ADD COLUMN updated_by TEXT;

      CREATE TABLE merged_rows (
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        old_id TEXT NOT NULL,
        new_id TEXT NOT NULL,
        merged_at TEXT NOT NULL,
        PRIMARY KEY (source, kind, old_id)
      ) STRICT;

      CREATE TABLE merged_audit_log (
        source TEXT NOT NULL,
        id INTEGER NOT NULL,
        ts_utc TEXT NOT NULL,
        user_id INTEGER,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        detail_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        mac_key TEXT,
        PRIMARY KEY (source, id)
      ) STRICT;
      CREATE TRIGGER merged_audit_log_no_update BEFORE UPDATE ON merged_audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER merged_audit_log_no_delete BEFORE DELETE ON merged_audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `);
  },
};
