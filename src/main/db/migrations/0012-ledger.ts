import { randomUUID } from 'node:crypto';
import type { Db } from '../connection';
import type { Migration } from '../migrate';
import { rebuildTable } from '../rebuildTable';

/**
 * The ledger of observations. Every answer about a payer, a plan, a patient's coverage or a patient's
 * earlier services becomes an append-only statement with its source; the tables that held one value per
 * field (plan benefits JSON, code_policies, plan_facts, coverage amounts and dates, service_history,
 * provenance) are moved into it, value by value with the provenance each had, and then removed.
 * Also: call answers say whether they were new, confirmed or changed (and what was on file); a changed
 * answer's read-back is recorded; removed coverages are kept (their history stays); the to-do list's
 * owner, done and snooze marks. The field lists below are written out, not imported, so this migration
 * does the same thing whatever later code says.
 */
export const ledgerMigration: Migration = {
  version: 12,
  name: 'ledger',
  rebuildsTables: true,
  up(db) {
    db.exec(`
      CREATE TABLE observations (
        id INTEGER PRIMARY KEY,
        uid TEXT NOT NULL UNIQUE CHECK (length(uid) BETWEEN 16 AND 64),
        payer_id INTEGER REFERENCES payers (id) ON DELETE RESTRICT,
        plan_id INTEGER REFERENCES plans (id) ON DELETE RESTRICT,
        coverage_id INTEGER REFERENCES coverages (id) ON DELETE RESTRICT,
        patient_id INTEGER REFERENCES patients (id) ON DELETE RESTRICT,
        code TEXT NOT NULL DEFAULT '' CHECK (code = '' OR code GLOB 'D[0-9][0-9][0-9][0-9]'),
        field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 80),
        value_json TEXT NOT NULL CHECK (json_valid(value_json)),
        observed_on TEXT NOT NULL CHECK (observed_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL,
        workstation TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN
          ('call', 'manual', 'pack', 'eligibility_file', 'eob', 'resolution', 'before_ledger', 'sample')),
        call_id INTEGER REFERENCES calls (id) ON DELETE RESTRICT,
        rep_name TEXT,
        reference_number TEXT,
        source_detail TEXT,
        retracts_uid TEXT REFERENCES observations (uid),
        CHECK ((payer_id IS NOT NULL) + (plan_id IS NOT NULL) + (coverage_id IS NOT NULL)
          + (patient_id IS NOT NULL) = 1),
        CHECK (source <> 'call' OR call_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX observations_by_plan ON observations (plan_id, field, code) WHERE plan_id IS NOT NULL;
      CREATE INDEX observations_by_payer ON observations (payer_id, field, code) WHERE payer_id IS NOT NULL;
      CREATE INDEX observations_by_coverage ON observations (coverage_id, field, code)
        WHERE coverage_id IS NOT NULL;
      CREATE INDEX observations_by_patient ON observations (patient_id, field, code)
        WHERE patient_id IS NOT NULL;
      CREATE INDEX observations_by_call ON observations (call_id) WHERE call_id IS NOT NULL;
      CREATE INDEX observations_retracting ON observations (retracts_uid) WHERE retracts_uid IS NOT NULL;
      CREATE TRIGGER observations_append_only BEFORE UPDATE ON observations
        BEGIN SELECT RAISE(ABORT, 'a recorded answer is never changed; record a new one'); END;
    `);

    backfill(db);

    // Call answers: new, confirmed or changed against what was on file when it was given. Answers from
    // before the ledger were only marked "something was on file"; they keep that, honestly, as
    // 'was_on_file' (whether they matched was not recorded).
    db.exec(`
      DROP TRIGGER call_answers_append_only;
      ALTER TABLE call_answers ADD COLUMN comparison TEXT;
      UPDATE call_answers SET comparison = 'was_on_file' WHERE was_known = 1;
    `);
    rebuildTable(db, {
      table: 'call_answers',
      createSql: `
        CREATE TABLE call_answers (
          id INTEGER PRIMARY KEY,
          call_id INTEGER NOT NULL REFERENCES calls (id) ON DELETE RESTRICT,
          answer_key TEXT NOT NULL,
          answer_json TEXT NOT NULL CHECK (json_valid(answer_json)),
          -- NULL: the step records nothing about the plan or patient (the rep's name, "member found").
          comparison TEXT CHECK (comparison IN ('new', 'confirmed', 'changed', 'not_known', 'was_on_file')),
          -- What was on file when the answer was given: { value, uid, summary }.
          on_file_json TEXT CHECK (on_file_json IS NULL OR json_valid(on_file_json)),
          answered_at TEXT NOT NULL
        ) STRICT`,
      columns: ['id', 'call_id', 'answer_key', 'answer_json', 'comparison', 'answered_at'],
    });
    db.exec(`
      CREATE TRIGGER call_answers_append_only BEFORE UPDATE ON call_answers
        BEGIN SELECT RAISE(ABORT, 'answers are never rewritten; a new answer is added'); END;

      -- A changed answer read back to the rep and confirmed before moving on.
      CREATE TABLE call_read_backs (
        id INTEGER PRIMARY KEY,
        answer_id INTEGER NOT NULL UNIQUE REFERENCES call_answers (id) ON DELETE RESTRICT,
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER call_read_backs_append_only BEFORE UPDATE ON call_read_backs
        BEGIN SELECT RAISE(ABORT, 'a read-back is never changed'); END;
      CREATE TRIGGER call_read_backs_no_delete BEFORE DELETE ON call_read_backs
        BEGIN SELECT RAISE(ABORT, 'a read-back is never deleted'); END;
    `);

    // Coverages keep who the member is; what the payer said about them is in the ledger. A removed
    // coverage stays (with its history), marked removed.
    db.exec('DROP INDEX coverages_patient_ordinal');
    rebuildTable(db, {
      table: 'coverages',
      createSql: `
        CREATE TABLE coverages (
          id INTEGER PRIMARY KEY,
          patient_id INTEGER NOT NULL REFERENCES patients (id) ON DELETE RESTRICT,
          plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE RESTRICT,
          ordinal INTEGER NOT NULL CHECK (ordinal IN (1, 2)),
          member_id TEXT NOT NULL,
          subscriber_name TEXT NOT NULL,
          subscriber_dob TEXT CHECK (subscriber_dob IS NULL OR
            subscriber_dob GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
          relationship TEXT NOT NULL CHECK (relationship IN ('self', 'spouse', 'child', 'other')),
          removed_at TEXT,
          removed_by TEXT,
          updated_at TEXT NOT NULL
        ) STRICT`,
      columns: [
        'id',
        'patient_id',
        'plan_id',
        'ordinal',
        'member_id',
        'subscriber_name',
        'subscriber_dob',
        'relationship',
        'updated_at',
      ],
    });
    db.exec(`
      CREATE UNIQUE INDEX coverages_patient_ordinal ON coverages (patient_id, ordinal) WHERE removed_at IS NULL;
    `);

    // Plans keep their name, group and type; benefits are in the ledger. plan_years (the re-verify
    // worklist's benefit-year month) now follows the newest statement of the month.
    db.exec(`
      DROP TRIGGER plan_years_insert;
      DROP TRIGGER plan_years_update;
    `);
    rebuildTable(db, {
      table: 'plans',
      createSql: `
        CREATE TABLE plans (
          id INTEGER PRIMARY KEY,
          payer_id INTEGER NOT NULL REFERENCES payers (id) ON DELETE RESTRICT,
          name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
          group_number TEXT,
          employer_name TEXT,
          plan_type TEXT NOT NULL CHECK (plan_type IN
            ('ppo', 'indemnity', 'dhmo', 'medicaid', 'medicare_advantage', 'medical', 'unknown')),
          notes TEXT,
          is_sample INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
          updated_at TEXT NOT NULL
        ) STRICT`,
      columns: [
        'id',
        'payer_id',
        'name',
        'group_number',
        'employer_name',
        'plan_type',
        'notes',
        'is_sample',
        'updated_at',
      ],
    });
    db.exec(`
      DROP TABLE code_policies;
      DROP TABLE plan_facts;
      DROP TABLE service_history;
      DROP TABLE provenance;

      -- Only the fictional sample data may take its statements with it when it is removed. (Created after
      -- the rebuilds: a trigger naming coverages and plans cannot exist while they are swapped.)
      CREATE TRIGGER observations_no_delete BEFORE DELETE ON observations
        WHEN COALESCE((SELECT is_sample FROM payers WHERE id = OLD.payer_id), 0) = 0
          AND COALESCE((SELECT is_sample FROM plans WHERE id = OLD.plan_id), 0) = 0
          AND COALESCE((SELECT p.is_sample FROM coverages c JOIN plans p ON p.id = c.plan_id
                        WHERE c.id = OLD.coverage_id), 0) = 0
          AND COALESCE((SELECT is_sample FROM patients WHERE id = OLD.patient_id), 0) = 0
        BEGIN SELECT RAISE(ABORT, 'recorded answers are never deleted; record a correction'); END;

      CREATE TRIGGER plan_years_insert AFTER INSERT ON plans BEGIN
        INSERT INTO plan_years VALUES (NEW.id, NULL);
      END;
      CREATE TRIGGER plan_years_observed AFTER INSERT ON observations
        WHEN NEW.plan_id IS NOT NULL AND NEW.field = 'benefitYearStartMonth'
      BEGIN
        INSERT OR REPLACE INTO plan_years VALUES (NEW.plan_id, (
          SELECT json_extract(o.value_json, '$') FROM observations o
          WHERE o.plan_id = NEW.plan_id AND o.field = 'benefitYearStartMonth' AND o.retracts_uid IS NULL
            AND NOT EXISTS (SELECT 1 FROM observations r WHERE r.retracts_uid = o.uid)
          ORDER BY o.observed_on DESC, o.recorded_at DESC, o.uid DESC LIMIT 1));
      END;

      -- The to-do list's items come from calls, prior authorizations and the re-verify worklist; what a
      -- person decides about an item (owner, done, snoozed) is kept here by the item's key, with history.
      CREATE TABLE todo_marks (
        item_key TEXT PRIMARY KEY CHECK (length(item_key) BETWEEN 3 AND 120),
        owner TEXT,
        done_at TEXT,
        done_by TEXT,
        snoozed_until TEXT CHECK (snoozed_until IS NULL OR
          snoozed_until GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
        -- Bumped on every change: an edit made from an older copy is refused, never lost.
        version INTEGER NOT NULL DEFAULT 1,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE todo_events (
        id INTEGER PRIMARY KEY,
        item_key TEXT NOT NULL,
        at TEXT NOT NULL,
        by_user TEXT NOT NULL,
        what TEXT NOT NULL
      ) STRICT;
      CREATE INDEX todo_events_by_item ON todo_events (item_key, id);
      CREATE TRIGGER todo_events_append_only BEFORE UPDATE ON todo_events
        BEGIN SELECT RAISE(ABORT, 'to-do history is append-only'); END;
      CREATE TRIGGER todo_events_no_delete BEFORE DELETE ON todo_events
        BEGIN SELECT RAISE(ABORT, 'to-do history is append-only'); END;
    `);
  },
};

const BENEFIT_FIELDS = [
  'networkStatus',
  'benefitYearStartMonth',
  'annualMaxCents',
  'deductibleIndividualCents',
  'deductibleFamilyCents',
  'deductibleWaivedCategories',
  'coverageByCategory',
  'waitingPeriods',
  'cobMethod',
];

/** code_policies column -> ledger field, and whether the column holds JSON. */
const POLICY_COLUMNS: Array<[string, string, boolean]> = [
  ['covered', 'covered', false],
  ['coverage_bp', 'coverageBp', false],
  ['category', 'category', false],
  ['frequency_json', 'frequency', true],
  ['age_limits_json', 'ageLimits', true],
  ['prior_auth', 'priorAuth', false],
  ['pa_method', 'paMethod', false],
  ['pa_contact', 'paContact', false],
  ['pa_turnaround_days', 'paTurnaroundDays', false],
  ['pa_validity_days', 'paValidityDays', false],
  ['pa_attachments_json', 'paAttachments', true],
  ['medical_first', 'medicalFirst', false],
  ['alternate_code', 'alternateCode', false],
  ['bundling_notes', 'bundlingNotes', false],
  ['notes', 'notes', false],
];

interface ProvenanceRow {
  source: 'call' | 'manual' | 'import';
  recorded_by: string;
  recorded_at: string;
  call_id: number | null;
  rep_name: string | null;
  reference_number: string | null;
}

const unknown = (v: unknown) => v === null || v === undefined || v === 'unknown';

/** The local calendar day of a stored UTC timestamp (the day the old screens showed). */
function localDay(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '1970-01-01';
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Moves every known value with its provenance into the ledger, before the old tables are dropped. */
function backfill(db: Db): void {
  const provenance = new Map(
    (db.prepare('SELECT * FROM provenance').all() as Array<ProvenanceRow & { id: number }>).map((p) => [
      p.id,
      p,
    ]),
  );
  const insert = db.prepare(
    `INSERT INTO observations (uid, payer_id, plan_id, coverage_id, patient_id, code, field, value_json,
       observed_on, recorded_at, recorded_by, workstation, source, call_id, rep_name, reference_number,
       source_detail)
     VALUES (@uid, @payerId, @planId, @coverageId, @patientId, @code, @field, @value, @observedOn, @recordedAt,
       @recordedBy, 'unknown', @source, @callId, @repName, @referenceNumber, @detail)`,
  );
  const subjectNone: Record<'payerId' | 'planId' | 'coverageId' | 'patientId', number | null> = {
    payerId: null,
    planId: null,
    coverageId: null,
    patientId: null,
  };
  const record = (
    subject: Partial<typeof subjectNone>,
    code: string,
    field: string,
    value: unknown,
    p: ProvenanceRow | null,
    fallbackAt: string,
    observedOn?: string | null,
  ) => {
    insert.run({
      ...subjectNone,
      ...subject,
      uid: randomUUID(),
      code,
      field,
      value: JSON.stringify(value),
      observedOn: observedOn ?? localDay(p?.recorded_at ?? fallbackAt),
      recordedAt: p?.recorded_at ?? fallbackAt,
      recordedBy: p?.recorded_by ?? 'not recorded (before the ledger)',
      source: p
        ? p.recorded_by === 'VerifyDesk sample data'
          ? 'sample'
          : p.source === 'import'
            ? 'pack'
            : p.source
        : 'before_ledger',
      callId: p?.call_id ?? null,
      repName: p?.rep_name ?? null,
      referenceNumber: p?.reference_number ?? null,
      detail: p?.source === 'import' ? 'imported before the ledger' : null,
    });
  };
  const provenanceOf = (map: Record<string, number>, field: string) =>
    map[field] === undefined ? null : (provenance.get(map[field]) ?? null);

  for (const plan of db
    .prepare('SELECT id, benefits_json, provenance_json, updated_at FROM plans')
    .all() as Array<{
    id: number;
    benefits_json: string;
    provenance_json: string;
    updated_at: string;
  }>) {
    const benefits = JSON.parse(plan.benefits_json) as Record<string, unknown>;
    const map = JSON.parse(plan.provenance_json) as Record<string, number>;
    for (const field of BENEFIT_FIELDS) {
      if (unknown(benefits[field])) continue;
      record({ planId: plan.id }, '', field, benefits[field], provenanceOf(map, field), plan.updated_at);
    }
  }

  for (const row of db.prepare('SELECT * FROM code_policies').all() as Array<Record<string, unknown>>) {
    const map = JSON.parse(row.provenance_json as string) as Record<string, number>;
    const subject =
      row.plan_id === null ? { payerId: row.payer_id as number } : { planId: row.plan_id as number };
    for (const [column, field, isJson] of POLICY_COLUMNS) {
      const raw = row[column];
      const value = isJson && typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
      if (unknown(value)) continue;
      record(
        subject,
        row.cdt_code as string,
        field,
        value,
        provenanceOf(map, field),
        row.updated_at as string,
      );
    }
  }

  for (const fact of db.prepare('SELECT * FROM plan_facts').all() as Array<{
    plan_id: number;
    cdt_code: string;
    step_id: string;
    answer_json: string;
    provenance_id: number;
    updated_at: string;
  }>) {
    const answer = JSON.parse(fact.answer_json) as { value: unknown };
    // The allowed fee was kept as a call's answer; the ledger has a field for it, which the estimate reads.
    const asAllowedFee = fact.step_id === 'allowed_fee' && fact.cdt_code !== '';
    if (asAllowedFee && unknown(answer.value)) continue;
    record(
      { planId: fact.plan_id },
      fact.cdt_code,
      asAllowedFee ? 'allowedFeeCents' : `fact:${fact.step_id}`,
      asAllowedFee ? answer.value : answer,
      provenance.get(fact.provenance_id) ?? null,
      fact.updated_at,
    );
  }

  for (const c of db.prepare('SELECT * FROM coverages').all() as Array<Record<string, unknown>>) {
    const map = JSON.parse(c.provenance_json as string) as Record<string, number>;
    const at = c.updated_at as string;
    for (const field of ['effectiveDate', 'terminationDate'] as const) {
      const value = c[field === 'effectiveDate' ? 'effective_date' : 'termination_date'];
      if (value !== null) record({ coverageId: c.id as number }, '', field, value, null, at);
    }
    if (c.max_used_cents !== null)
      record(
        { coverageId: c.id as number },
        '',
        'maxUsedCents',
        c.max_used_cents,
        provenanceOf(map, 'maxUsedCents'),
        at,
        c.max_used_stated_on as string | null,
      );
    if (c.deductible_met_cents !== null)
      record(
        { coverageId: c.id as number },
        '',
        'deductibleMetCents',
        c.deductible_met_cents,
        provenanceOf(map, 'deductibleMetCents'),
        at,
        c.deductible_met_stated_on as string | null,
      );
  }

  for (const s of db.prepare('SELECT * FROM service_history ORDER BY id').all() as Array<{
    patient_id: number;
    cdt_code: string;
    service_date: string;
    source: string;
    created_at: string;
  }>) {
    record(
      { patientId: s.patient_id },
      s.cdt_code,
      'service',
      { date: s.service_date, reportedBy: s.source },
      null,
      s.created_at,
    );
  }
}
