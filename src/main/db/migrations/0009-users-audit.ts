import type { Migration } from '../migrate';

/**
 * Named local users (no shared or default accounts) and the audit trail: one append-only row per thing a
 * person viewed, created, changed, printed, exported or imported, chained by SHA-256 so an edited or
 * removed row is found. The chain is computed in JS (trusted_schema is off); triggers refuse changes.
 */
export const usersAuditMigration: Migration = {
  version: 9,
  name: 'users-audit',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(username) BETWEEN 1 AND 60),
        display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
        role TEXT NOT NULL CHECK (role IN ('front_desk', 'admin')),
        -- scrypt$N$r$p$salt$hash: the parameters travel with the hash so they can be raised later.
        password_hash TEXT NOT NULL CHECK (password_hash LIKE 'scrypt$%'),
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        ts_utc TEXT NOT NULL,
        user_id INTEGER REFERENCES users (id) ON DELETE RESTRICT,
        -- Kept as written: a later rename does not rewrite history.
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id INTEGER,
        -- Ids and field names only, never patient details.
        detail_json TEXT NOT NULL CHECK (json_valid(detail_json)),
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL CHECK (length(hash) = 64)
      ) STRICT;
      CREATE INDEX audit_by_time ON audit_log (ts_utc);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    `);
  },
};
