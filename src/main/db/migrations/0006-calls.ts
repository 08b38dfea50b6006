import type { Migration } from '../migrate';

/**
 * Verification calls. Each answer is its own row, written the moment it is given; the call row holds the
 * engine's position. A completed call is locked by triggers; corrections are appended amendments.
 */
export const callsMigration: Migration = {
  version: 6,
  name: 'calls',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        medical_call_of INTEGER REFERENCES calls (id) ON DELETE RESTRICT,
        script_id TEXT NOT NULL,
        script_version INTEGER NOT NULL,
        planned_json TEXT NOT NULL CHECK (json_valid(planned_json)),
        dialed_number TEXT,
        ivr_notes TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT,
        rep_name TEXT,
        reference_number TEXT,
        no_reference_reason TEXT,
        status TEXT NOT NULL CHECK (status IN ('in_progress', 'partial', 'completed')),
        staff_user TEXT NOT NULL,
        state_json TEXT NOT NULL CHECK (json_valid(state_json)),
        next_action TEXT,
        next_action_due TEXT,
        reverify_date TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX calls_by_status ON calls (status, started_at);
      CREATE INDEX calls_by_patient ON calls (patient_id, started_at);

      -- Every answer as given, in order; the latest per key is the current one.
      CREATE TABLE call_answers (
        id INTEGER PRIMARY KEY,
        call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
        answer_key TEXT NOT NULL,
        answer_json TEXT NOT NULL CHECK (json_valid(answer_json)),
        -- 1 when the plan already had an answer the caller confirmed or corrected (not asked from scratch).
        was_known INTEGER NOT NULL CHECK (was_known IN (0, 1)),
        answered_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX call_answers_by_call ON call_answers (call_id, answer_key, id);

      CREATE TABLE call_holds (
        id INTEGER PRIMARY KEY,
        call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
        started_at TEXT NOT NULL,
        ended_at TEXT
      ) STRICT;

      CREATE TABLE call_amendments (
        id INTEGER PRIMARY KEY,
        call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
        amended_at TEXT NOT NULL,
        amended_by TEXT NOT NULL,
        what TEXT NOT NULL,
        why TEXT NOT NULL
      ) STRICT;

      -- Plan knowledge learned on calls that has no structured field (cdt_code '' = the whole plan).
      CREATE TABLE plan_facts (
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        cdt_code TEXT NOT NULL,
        step_id TEXT NOT NULL,
        answer_json TEXT NOT NULL CHECK (json_valid(answer_json)),
        provenance_id INTEGER NOT NULL REFERENCES provenance (id),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, cdt_code, step_id)
      ) STRICT;

      -- A completed call is the record: nothing in it changes; amendments are added beside it.
      CREATE TRIGGER calls_locked BEFORE UPDATE ON calls WHEN OLD.status = 'completed'
        BEGIN SELECT RAISE(ABORT, 'a completed call record cannot be changed; add an amendment'); END;
      CREATE TRIGGER call_answers_locked BEFORE INSERT ON call_answers
        WHEN (SELECT status FROM calls WHERE id = NEW.call_id) = 'completed'
        BEGIN SELECT RAISE(ABORT, 'a completed call record cannot be changed; add an amendment'); END;
      CREATE TRIGGER call_answers_append_only BEFORE UPDATE ON call_answers
        BEGIN SELECT RAISE(ABORT, 'answers are never rewritten; a new answer is added'); END;
      CREATE TRIGGER call_answers_no_delete BEFORE DELETE ON call_answers
        BEGIN SELECT RAISE(ABORT, 'answers are never deleted'); END;
      CREATE TRIGGER call_amendments_append_only BEFORE UPDATE ON call_amendments
        BEGIN SELECT RAISE(ABORT, 'amendments cannot be changed'); END;
      CREATE TRIGGER call_amendments_no_delete BEFORE DELETE ON call_amendments
        BEGIN SELECT RAISE(ABORT, 'amendments cannot be deleted'); END;
    `);
  },
};
