import type { Migration } from '../migrate';

/**
 * Indexes that keep Records search and the worklists fast with a million calls on file:
 * - call_search: a full-text index (rowid = call id) over patient, payer, plan, reference number and codes,
 *   kept by triggers so a renamed patient, payer or plan is found under the new name at once;
 * - planned_services: one row per planned code (on a call, or on an insurance estimate) with its date of
 *   service, so "upcoming appointments" is an index range instead of unpacking every call's JSON;
 * - last_verifications: the last completed call per patient and plan, and plan_years: each plan's
 *   benefit-year start month, both kept by triggers, so the re-verify worklist reads two small tables
 *   instead of a million-call index and every plan's benefits JSON;
 * - calls_by_dental_call: the medical-plan calls linked to a dental call.
 */
export const callSearchMigration: Migration = {
  version: 8,
  name: 'call-search',
  up(db) {
    db.exec(`
      CREATE VIEW call_search_doc AS
        SELECT c.id AS id,
          pt.first_name || ' ' || pt.last_name || ' ' || py.name || ' ' || pl.name || ' ' ||
          COALESCE(c.reference_number, '') || ' ' ||
          COALESCE((SELECT group_concat(json_extract(j.value, '$.code'), ' ') FROM json_each(c.planned_json) j), '')
          AS doc
        FROM calls c JOIN patients pt ON pt.id = c.patient_id JOIN plans pl ON pl.id = c.plan_id
          JOIN payers py ON py.id = pl.payer_id;

      CREATE VIRTUAL TABLE call_search USING fts5(doc, tokenize = 'unicode61 remove_diacritics 2');
      INSERT INTO call_search (rowid, doc) SELECT id, doc FROM call_search_doc;

      CREATE TRIGGER call_search_insert AFTER INSERT ON calls BEGIN
        INSERT INTO call_search (rowid, doc) SELECT id, doc FROM call_search_doc WHERE id = NEW.id;
      END;
      CREATE TRIGGER call_search_update AFTER UPDATE OF reference_number, planned_json, patient_id, plan_id ON calls
      BEGIN
        DELETE FROM call_search WHERE rowid = NEW.id;
        INSERT INTO call_search (rowid, doc) SELECT id, doc FROM call_search_doc WHERE id = NEW.id;
      END;
      CREATE TRIGGER call_search_patient_renamed AFTER UPDATE OF first_name, last_name ON patients BEGIN
        DELETE FROM call_search WHERE rowid IN (SELECT id FROM calls WHERE patient_id = NEW.id);
        INSERT INTO call_search (rowid, doc)
          SELECT d.id, d.doc FROM call_search_doc d JOIN calls c ON c.id = d.id WHERE c.patient_id = NEW.id;
      END;
      CREATE TRIGGER call_search_plan_renamed AFTER UPDATE OF name ON plans BEGIN
        DELETE FROM call_search WHERE rowid IN (SELECT id FROM calls WHERE plan_id = NEW.id);
        INSERT INTO call_search (rowid, doc)
          SELECT d.id, d.doc FROM call_search_doc d JOIN calls c ON c.id = d.id WHERE c.plan_id = NEW.id;
      END;
      CREATE TRIGGER call_search_payer_renamed AFTER UPDATE OF name ON payers BEGIN
        DELETE FROM call_search
          WHERE rowid IN (SELECT c.id FROM calls c JOIN plans pl ON pl.id = c.plan_id WHERE pl.payer_id = NEW.id);
        INSERT INTO call_search (rowid, doc)
          SELECT d.id, d.doc FROM call_search_doc d JOIN calls c ON c.id = d.id JOIN plans pl ON pl.id = c.plan_id
          WHERE pl.payer_id = NEW.id;
      END;

      CREATE TABLE planned_services (
        source TEXT NOT NULL CHECK (source IN ('call', 'estimate')),
        source_id INTEGER NOT NULL,
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        service_date TEXT NOT NULL,
        code TEXT NOT NULL
      ) STRICT;
      CREATE INDEX planned_services_by_date ON planned_services (service_date, patient_id);
      CREATE INDEX planned_services_by_source ON planned_services (source, source_id);

      INSERT INTO planned_services
        SELECT 'call', c.id, c.patient_id, json_extract(j.value, '$.serviceDate'), json_extract(j.value, '$.code')
        FROM calls c, json_each(c.planned_json) j;
      -- Self-pay estimates plan no insurance verification.
      INSERT INTO planned_services
        SELECT 'estimate', e.id, e.patient_id, json_extract(j.value, '$.serviceDate'), json_extract(j.value, '$.code')
        FROM estimates e, json_each(e.request_json, '$.lines') j
        WHERE json_extract(e.request_json, '$.selfPay') = 0;

      CREATE TRIGGER planned_services_call_insert AFTER INSERT ON calls BEGIN
        INSERT INTO planned_services
          SELECT 'call', NEW.id, NEW.patient_id, json_extract(j.value, '$.serviceDate'), json_extract(j.value, '$.code')
          FROM json_each(NEW.planned_json) j;
      END;
      CREATE TRIGGER planned_services_call_update AFTER UPDATE OF planned_json, patient_id ON calls BEGIN
        DELETE FROM planned_services WHERE source = 'call' AND source_id = NEW.id;
        INSERT INTO planned_services
          SELECT 'call', NEW.id, NEW.patient_id, json_extract(j.value, '$.serviceDate'), json_extract(j.value, '$.code')
          FROM json_each(NEW.planned_json) j;
      END;
      CREATE TRIGGER planned_services_estimate_insert AFTER INSERT ON estimates
        WHEN json_extract(NEW.request_json, '$.selfPay') = 0
      BEGIN
        INSERT INTO planned_services
          SELECT 'estimate', NEW.id, NEW.patient_id, json_extract(j.value, '$.serviceDate'),
            json_extract(j.value, '$.code')
          FROM json_each(NEW.request_json, '$.lines') j;
      END;

      CREATE TABLE last_verifications (
        patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
        plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
        call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
        ended_at TEXT NOT NULL,
        reverify_date TEXT,
        PRIMARY KEY (patient_id, plan_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO last_verifications
        SELECT patient_id, plan_id, id, max(ended_at), reverify_date FROM calls
        WHERE status = 'completed' GROUP BY patient_id, plan_id;
      -- Completions come in time order, so the latest completion is the last verification.
      CREATE TRIGGER last_verification_on_complete AFTER UPDATE OF status ON calls
        WHEN NEW.status = 'completed' AND OLD.status <> 'completed'
      BEGIN
        INSERT OR REPLACE INTO last_verifications VALUES
          (NEW.patient_id, NEW.plan_id, NEW.id, NEW.ended_at, NEW.reverify_date);
      END;

      CREATE TABLE plan_years (
        plan_id INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
        -- As stored in the benefits (validated by the app); ANY so an odd value never blocks a plan save.
        start_month ANY
      ) STRICT;
      INSERT INTO plan_years SELECT id, json_extract(benefits_json, '$.benefitYearStartMonth') FROM plans;
      CREATE TRIGGER plan_years_insert AFTER INSERT ON plans BEGIN
        INSERT INTO plan_years VALUES (NEW.id, json_extract(NEW.benefits_json, '$.benefitYearStartMonth'));
      END;
      CREATE TRIGGER plan_years_update AFTER UPDATE OF benefits_json ON plans BEGIN
        INSERT OR REPLACE INTO plan_years
          VALUES (NEW.id, json_extract(NEW.benefits_json, '$.benefitYearStartMonth'));
      END;
      CREATE INDEX calls_by_dental_call ON calls (medical_call_of) WHERE medical_call_of IS NOT NULL;
    `);
  },
};
