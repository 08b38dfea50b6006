// Migration 12 moves every value the old tables held, with the provenance each had, into the ledger, and
// the screens read the same answers (and where they came from) afterwards. Built from a store written as
// schema 11 wrote it (plain SQL, test/helpers/legacyStore.ts).
import path from 'node:path';
import { sqliteAppDb } from '../../src/main/db/appDb';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { seedCatalog } from '../../src/main/db/seedCatalog';
import { fillLegacyStore } from '../helpers/legacyStore';
import { testServices } from '../helpers/services';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';

const now = fixedClock();

interface Row {
  payer_id: number | null;
  plan_id: number | null;
  coverage_id: number | null;
  patient_id: number | null;
  code: string;
  field: string;
  value_json: string;
  observed_on: string;
  recorded_at: string;
  recorded_by: string;
  source: string;
  call_id: number | null;
  rep_name: string | null;
  reference_number: string | null;
}

describe('migration 12: the ledger', () => {
  const tempDir = useTempDirs();

  function migratedFromSchema11() {
    const dir = tempDir();
    const db = openDb(path.join(dir, 'app.sqlite'), TEST_DB_KEY);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 11),
      { backupDir: dir, now, key: TEST_DB_KEY },
    );
    seedCatalog(db);
    const legacy = fillLegacyStore(db);
    const provenance = new Map(
      (db.prepare('SELECT * FROM provenance').all() as Array<{ id: number } & Record<string, unknown>>).map(
        (p) => [p.id, p],
      ),
    );
    migrate(db, MIGRATIONS, { backupDir: dir, now, key: TEST_DB_KEY });
    return { db, legacy, provenance };
  }

  const statements = (db: Db) => db.prepare('SELECT * FROM observations ORDER BY id').all() as Row[];

  it('every known value becomes a statement with the provenance it had; nothing else is invented', () => {
    const { db, legacy, provenance } = migratedFromSchema11();
    const rows = statements(db);
    const find = (where: Partial<Row>) =>
      rows.filter((r) => Object.entries(where).every(([k, v]) => r[k as keyof Row] === v));
    const fromProvenance = (id: number, row: Row) => {
      const p = provenance.get(id)!;
      expect(row.recorded_by).toBe(p.recorded_by);
      expect(row.recorded_at).toBe(p.recorded_at);
      expect(row.call_id).toBe(p.call_id);
      expect(row.rep_name).toBe(p.rep_name);
      expect(row.reference_number).toBe(p.reference_number);
      expect(row.source).toBe(p.source === 'import' ? 'pack' : p.source);
    };
    const plan = { plan_id: legacy.planId };
    // Plan benefits: eight known, one of them without provenance (kept, marked as before the ledger).
    const annual = find({ ...plan, field: 'annualMaxCents' });
    expect(annual.map((r) => JSON.parse(r.value_json))).toEqual([150_000]);
    fromProvenance(legacy.provenance.call, annual[0]!);
    fromProvenance(legacy.provenance.pack, find({ ...plan, field: 'deductibleIndividualCents' })[0]!);
    fromProvenance(legacy.provenance.manual, find({ ...plan, field: 'networkStatus' })[0]!);
    const month = find({ ...plan, field: 'benefitYearStartMonth' });
    expect(month.map((r) => [JSON.parse(r.value_json), r.source])).toEqual([[1, 'before_ledger']]);
    expect(
      find(plan)
        .filter((r) => r.code === '' && !r.field.startsWith('fact:'))
        .map((r) => r.field)
        .sort(),
    ).toEqual(
      [
        'annualMaxCents',
        'benefitYearStartMonth',
        'cobMethod',
        'deductibleIndividualCents',
        'deductibleWaivedCategories',
        'networkStatus',
      ].sort(),
    );
    // The plan's policy for D0367: six known fields, each with its own provenance; unknown ones absent.
    const d0367 = find({ ...plan, code: 'D0367' });
    expect(Object.fromEntries(d0367.map((r) => [r.field, JSON.parse(r.value_json)]))).toEqual({
      covered: 'yes',
      coverageBp: 5000,
      category: 'major',
      frequency: { count: 1, per: 'months', months: 36, sharedWith: [] },
      priorAuth: 'required',
      paMethod: 'portal',
      allowedFeeCents: 90_000,
    });
    fromProvenance(
      legacy.provenance.call,
      d0367.find((r) => r.field === 'coverageBp')!,
    );
    fromProvenance(
      legacy.provenance.manual,
      d0367.find((r) => r.field === 'frequency')!,
    );
    fromProvenance(
      legacy.provenance.call,
      d0367.find((r) => r.field === 'allowedFeeCents')!,
    );
    // The payer's default for D0330, from a pack.
    const defaults = find({ payer_id: legacy.payerId });
    expect(defaults.map((r) => r.field).sort()).toEqual(
      ['category', 'covered', 'coverageBp', 'medicalFirst', 'priorAuth'].sort(),
    );
    defaults.forEach((r) => fromProvenance(legacy.provenance.pack, r));
    // A plan fact kept as the call's answer.
    expect(
      find({ ...plan, field: 'fact:deductible_for_imaging' }).map((r) => JSON.parse(r.value_json)),
    ).toEqual([{ type: 'yes_no_unknown', value: 'no' }]);
    // The coverage: dates (no provenance then), and amounts stated on their day by a person.
    const coverage = find({ coverage_id: legacy.coverageId });
    expect(
      Object.fromEntries(coverage.map((r) => [r.field, [JSON.parse(r.value_json), r.observed_on, r.source]])),
    ).toEqual({
      effectiveDate: [legacy.dates.effective, expect.any(String), 'before_ledger'],
      maxUsedCents: [20_000, legacy.dates.statedOn, 'manual'],
      deductibleMetCents: [0, legacy.dates.statedOn, 'manual'],
    });
    // The service history.
    expect(
      find({ patient_id: legacy.patientId }).map((r) => [r.code, r.field, JSON.parse(r.value_json)]),
    ).toEqual([['D0330', 'service', { date: legacy.dates.pano, reportedBy: 'payer' }]]);
    expect(rows).toHaveLength(
      annual.length + month.length + 4 + d0367.length + defaults.length + 1 + coverage.length + 1,
    );
    db.close();
  });

  it('the screens read the same answers and sources afterwards; old answers are not called confirmations', async () => {
    const { db, legacy } = migratedFromSchema11();
    const s = testServices(sqliteAppDb(db), now);
    const plan = await s.policies.getPlan(legacy.planId);
    expect(plan.benefits.annualMaxCents).toMatchObject({
      value: 150_000,
      source: { repName: 'Denise K', referenceNumber: 'REF-OLD-1', callId: legacy.callId, source: 'call' },
    });
    // Never confirmed by anyone on record: it reads as stale, as it did before.
    expect(plan.benefits.benefitYearStartMonth).toMatchObject({ value: 1, status: 'stale' });
    const row = (await s.policies.getMatrix(legacy.planId)).rows.find((r) => r.code === 'D0330')!;
    expect(row.cells.covered).toMatchObject({ value: 'yes', inherited: true });
    const patient = await s.patients.get(legacy.patientId);
    expect(patient.coverages[0]).toMatchObject({
      memberId: 'LEG987654321',
      effectiveDate: { value: legacy.dates.effective },
      maxUsed: { value: 20_000, source: { observedOn: legacy.dates.statedOn, recordedBy: 'Pat Admin' } },
    });
    expect(patient.serviceHistory.map((h) => [h.code, h.serviceDate, h.source])).toEqual([
      ['D0330', legacy.dates.pano, 'payer'],
    ]);
    const call = await s.calls.view(legacy.callId);
    expect(call.answers.map((a) => [a.key, a.comparison])).toEqual([
      ['rep_name', null],
      ['reference_number', null],
      ['annual_max', 'was_on_file'],
      ['coverage_percent@D0367', null],
    ]);
    // The old tables are gone; the file is sound.
    for (const table of ['code_policies', 'plan_facts', 'service_history', 'provenance'])
      expect(db.prepare('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?').get(table)).toEqual({
        n: 0,
      });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // Append-only from now on.
    expect(() => db.prepare("UPDATE observations SET value_json = '1'").run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM observations').run()).toThrow(/never deleted/);
    db.close();
  });
});
