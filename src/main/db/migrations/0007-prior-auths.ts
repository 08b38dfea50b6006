import type { Migration } from '../migrate';

/**
 * Prior-authorization items, one per code a call found "PA required". The item follows the request from
 * "to submit" to a decision; every status change is also appended to prior_auth_events, so the item's
 * history survives later edits.
 */
export const priorAuthsMigration: Migration = {
  version: 7,
  name: 'prior-auths',
  up(db) {
    db.exec(`
      CREATE TABLE prior_auths (
        id INTEGER PRIMARY KEY,
        call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        code TEXT NOT NULL,
        service_date TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN
          ('to_submit', 'submitted', 'more_info', 'approved', 'denied', 'appeal', 'expired')),
        method TEXT,
        contact TEXT,
        attachments TEXT,
        submitted_on TEXT,
        decision_expected_on TEXT,
        auth_number TEXT,
        approved_units INTEGER CHECK (approved_units IS NULL OR approved_units > 0),
        valid_from TEXT,
        valid_to TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to),
        CHECK (status <> 'approved' OR (auth_number IS NOT NULL AND valid_to IS NOT NULL)),
        UNIQUE (call_id, code)
      );
      CREATE INDEX prior_auths_worklist ON prior_auths (status, service_date);
      CREATE TABLE prior_auth_events (
        id INTEGER PRIMARY KEY,
        prior_auth_id INTEGER NOT NULL REFERENCES prior_auths (id) ON DELETE RESTRICT,
        at TEXT NOT NULL,
        by_user TEXT NOT NULL,
        status TEXT NOT NULL,
        note TEXT
      );
      CREATE TRIGGER prior_auth_events_append_only BEFORE UPDATE ON prior_auth_events
      BEGIN SELECT RAISE(ABORT, 'prior-auth history is append-only'); END;
      CREATE TRIGGER prior_auth_events_no_delete BEFORE DELETE ON prior_auth_events
      BEGIN SELECT RAISE(ABORT, 'prior-auth history is append-only'); END;
    `);
  },
};
