// Migration 8 builds the Records search index and the planned-services table from what is already on file:
// a store used before it gets search and worklists over its old calls and estimates, not only new ones.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { seedCatalog } from '../../src/main/db/seedCatalog';
import { createCallService } from '../../src/main/services/callService';
import { createEstimateService } from '../../src/main/services/estimateService';
import { createPatientService } from '../../src/main/services/patientService';
import { createPolicyService } from '../../src/main/services/policyService';
import { driveCall } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';

describe('migration 8 (call search, planned services)', () => {
  const tempDir = useTempDirs();

  it('indexes the calls and insurance estimates written under schema 7', () => {
    const dir = tempDir();
    const now = () => new Date('2026-11-22T15:00:00Z');
    const db = openDb(path.join(dir, 'app.sqlite'), TEST_DB_KEY);
    const before = MIGRATIONS.filter((m) => m.version <= 7);
    migrate(db, before, { backupDir: dir, now, key: TEST_DB_KEY });
    seedCatalog(db);

    const deps = { db, now, actor: () => 'Test User' };
    const policies = createPolicyService({ ...deps, staleAfterDays: () => 90 });
    const patients = createPatientService({ ...deps, staleAfterDays: () => 30 });
    const calls = createCallService({ ...deps, policies });
    const estimates = createEstimateService({ ...deps, staleAfterDays: () => 90 });
    const plan = policies.savePlan(null, planInput(policies.savePayer(null, payerInput()).id));
    const patient = patients.save(null, patientInput());
    const call = calls.start({
      patientId: patient.id,
      planId: plan.id,
      planned: [{ code: 'D0367', tooth: null, serviceDate: '2026-12-10' }],
      dialedNumber: null,
    });
    const done = driveCall(
      calls,
      calls.start({
        patientId: patient.id,
        planId: plan.id,
        planned: [{ code: 'D0368', tooth: null, serviceDate: '2026-12-11' }],
        dialedNumber: null,
      }),
    );
    calls.complete(done.id, {
      nextAction: 'Schedule',
      nextActionDue: '2026-11-23',
      reverifyDate: '2026-12-01',
    });
    policies.setBenefits(plan.id, { benefitYearStartMonth: 7 });
    const line = { code: 'D0330', tooth: null, serviceDate: '2027-01-15', feeCents: 10_000 };
    estimates.save({ patientId: patient.id, selfPay: false, lines: [line] });
    estimates.save({ patientId: patient.id, selfPay: true, lines: [{ ...line, code: 'D0310' }] });

    migrate(db, MIGRATIONS, { backupDir: dir, now, key: TEST_DB_KEY });
    expect(calls.search('qzxlast d0367').map((c) => c.id)).toEqual([call.id]);
    const planned = db
      .prepare('SELECT source, service_date AS date, code FROM planned_services ORDER BY service_date')
      .all();
    expect(planned).toEqual([
      { source: 'call', date: '2026-12-10', code: 'D0367' },
      { source: 'call', date: '2026-12-11', code: 'D0368' },
      { source: 'estimate', date: '2027-01-15', code: 'D0330' },
    ]);
    // The worklist's small tables start out holding what was already on file.
    expect(db.prepare('SELECT call_id AS callId, reverify_date AS r FROM last_verifications').all()).toEqual([
      { callId: done.id, r: '2026-12-01' },
    ]);
    expect(db.prepare('SELECT start_month AS m FROM plan_years WHERE plan_id = ?').get(plan.id)).toEqual({
      m: 7,
    });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
