import type { Migration } from '../migrate';

const DATE = (col: string) => `${col} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`;
const TRI = (col: string) => `${col} IN ('yes', 'no', 'unknown')`;

/**
 * Payers, plans, per-code policies, patients and coverages. Unknown is NULL (or 'unknown' for tri-states),
 * never 0 or false. Each policy/plan/coverage row maps its fields to provenance rows (who, when, which call).
 */
export const payersPlansPatientsMigration: Migration = {
  version: 3,
  name: 'payers-plans-patients',
  up(db) {
    db.exec(`
      CREATE TABLE provenance (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL CHECK (source IN ('call', 'manual', 'import')),
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        call_id INTEGER,
        rep_name TEXT,
        reference_number TEXT
      ) STRICT;

      CREATE TABLE payers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(name) BETWEEN 1 AND 120),
        electronic_payer_id TEXT,
        phone_benefits TEXT,
        phone_prior_auth TEXT,
        phone_medical TEXT,
        phone_provider_services TEXT,
        portal_url TEXT,
        fax TEXT,
        claims_address TEXT,
        notes TEXT,
        sends_inverted_coinsurance TEXT NOT NULL DEFAULT 'unknown' CHECK (${TRI('sends_inverted_coinsurance')}),
        is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        payer_id INTEGER NOT NULL REFERENCES payers (id) ON DELETE RESTRICT,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        group_number TEXT,
        employer_name TEXT,
        plan_type TEXT NOT NULL CHECK (plan_type IN ('ppo', 'indemnity', 'dhmo', 'medicaid', 'medicare_advantage', 'medical', 'unknown')),
        notes TEXT,
        -- Benefits (JSON, validated by the app; NULL fields inside mean unknown) and their provenance.
        benefits_json TEXT NOT NULL CHECK (json_valid(benefits_json)),
        provenance_json TEXT NOT NULL CHECK (json_valid(provenance_json)),
        is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX plans_by_payer ON plans (payer_id);

      -- A policy belongs to a plan, or (plan_id NULL) is the payer-wide default for the code.
      CREATE TABLE code_policies (
        id INTEGER PRIMARY KEY,
        payer_id INTEGER NOT NULL REFERENCES payers (id) ON DELETE RESTRICT,
        plan_id INTEGER REFERENCES plans (id) ON DELETE RESTRICT,
        cdt_code TEXT NOT NULL CHECK (cdt_code GLOB 'D[0-9][0-9][0-9][0-9]'),
        covered TEXT NOT NULL CHECK (${TRI('covered')}),
        coverage_bp INTEGER CHECK (coverage_bp BETWEEN 0 AND 10000),
        category TEXT,
        frequency_json TEXT CHECK (frequency_json IS NULL OR json_valid(frequency_json)),
        age_limits_json TEXT CHECK (age_limits_json IS NULL OR json_valid(age_limits_json)),
        prior_auth TEXT NOT NULL CHECK (prior_auth IN ('required', 'predetermination_recommended', 'not_required', 'unknown')),
        pa_method TEXT,
        pa_contact TEXT,
        pa_turnaround_days INTEGER CHECK (pa_turnaround_days BETWEEN 0 AND 365),
        pa_validity_days INTEGER CHECK (pa_validity_days BETWEEN 1 AND 730),
        pa_attachments_json TEXT CHECK (pa_attachments_json IS NULL OR json_valid(pa_attachments_json)),
        medical_first TEXT NOT NULL CHECK (${TRI('medical_first')}),
        alternate_code TEXT CHECK (alternate_code IS NULL OR alternate_code GLOB 'D[0-9][0-9][0-9][0-9]'),
        bundling_notes TEXT,
        notes TEXT,
        provenance_json TEXT NOT NULL CHECK (json_valid(provenance_json)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX code_policies_plan_code ON code_policies (plan_id, cdt_code) WHERE plan_id IS NOT NULL;
      CREATE UNIQUE INDEX code_policies_payer_default ON code_policies (payer_id, cdt_code) WHERE plan_id IS NULL;

      CREATE TABLE office_fees (
        cdt_code TEXT PRIMARY KEY CHECK (cdt_code GLOB 'D[0-9][0-9][0-9][0-9]'),
        fee_cents INTEGER NOT NULL CHECK (fee_cents BETWEEN 0 AND 100000000),
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE plan_allowed_fees (
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        cdt_code TEXT NOT NULL CHECK (cdt_code GLOB 'D[0-9][0-9][0-9][0-9]'),
        allowed_cents INTEGER NOT NULL CHECK (allowed_cents BETWEEN 0 AND 100000000),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, cdt_code)
      ) STRICT;

      CREATE TABLE patients (
        id INTEGER PRIMARY KEY,
        first_name TEXT NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
        last_name TEXT NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
        dob TEXT NOT NULL CHECK (${DATE('dob')}),
        preferred_language TEXT NOT NULL CHECK (preferred_language IN ('en', 'es')),
        phone TEXT,
        is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX patients_by_name ON patients (last_name COLLATE NOCASE, first_name COLLATE NOCASE);

      CREATE TABLE coverages (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        ordinal INTEGER NOT NULL CHECK (ordinal IN (1, 2)),
        member_id TEXT NOT NULL,
        subscriber_name TEXT NOT NULL,
        subscriber_dob TEXT CHECK (subscriber_dob IS NULL OR ${DATE('subscriber_dob')}),
        relationship TEXT NOT NULL CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
        effective_date TEXT CHECK (effective_date IS NULL OR ${DATE('effective_date')}),
        termination_date TEXT CHECK (termination_date IS NULL OR ${DATE('termination_date')}),
        max_used_cents INTEGER CHECK (max_used_cents BETWEEN 0 AND 100000000),
        max_used_stated_on TEXT CHECK (max_used_stated_on IS NULL OR ${DATE('max_used_stated_on')}),
        deductible_met_cents INTEGER CHECK (deductible_met_cents BETWEEN 0 AND 100000000),
        deductible_met_stated_on TEXT CHECK (deductible_met_stated_on IS NULL OR ${DATE('deductible_met_stated_on')}),
        provenance_json TEXT NOT NULL CHECK (json_valid(provenance_json)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX coverages_patient_ordinal ON coverages (patient_id, ordinal);
      CREATE INDEX coverages_by_plan ON coverages (plan_id);

      CREATE TABLE service_history (
        id INTEGER PRIMARY KEY,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        cdt_code TEXT NOT NULL CHECK (cdt_code GLOB 'D[0-9][0-9][0-9][0-9]'),
        service_date TEXT NOT NULL CHECK (${DATE('service_date')}),
        source TEXT NOT NULL CHECK (source IN ('office', 'payer', 'patient')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX service_history_by_patient ON service_history (patient_id, cdt_code, service_date);
    `);
  },
};
