import { describe, expect, it } from 'vitest';
import { loadSampleDataOnce, removeSampleData, sampleStatus } from '../../src/main/services/sampleData';
import { openTestAppDb } from '../helpers/appDb';
import { coverageInput, patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { testServices } from '../helpers/services';

describe('sample data', () => {
  const tempDir = useTempDirs();
  const setup = () => {
    const { db, now } = openTestAppDb(tempDir);
    const deps = { db, now, actor: () => 'Test User' };
    return {
      db,
      now,
      policies: testServices(deps.db, deps.now).policies,
      patients: testServices(deps.db, deps.now).patients,
    };
  };

  it('loads fictional payers, clearly named, with plans and answered policies', () => {
    const { db, now, policies } = setup();
    expect(loadSampleDataOnce(db, now)).toBe(true);
    const payers = policies.listPayers();
    expect(payers.length).toBeGreaterThanOrEqual(3);
    for (const payer of payers) {
      expect(payer.name).toMatch(/^SAMPLE Fictional .*\(not a real payer\)$/);
      expect(payer.isSample).toBe(true);
    }
    const ppo = policies.listPlans(null).find((p) => p.name === 'SAMPLE Bluebird PPO 1500')!;
    const d0367 = policies.getMatrix(ppo.id).rows.find((r) => r.code === 'D0367')!;
    expect(d0367.cells.priorAuth).toMatchObject({
      value: 'required',
      status: 'known',
      source: { source: 'sample', recordedBy: 'VerifyDesk sample data' },
    });
    const d0393 = policies.getMatrix(ppo.id).rows.find((r) => r.code === 'D0393')!;
    expect(d0393.cells.covered).toMatchObject({ value: 'no', inherited: true });
    db.close();
  });

  it('loads only once: after removal it never comes back', () => {
    const { db, now } = setup();
    loadSampleDataOnce(db, now);
    expect(removeSampleData(db)).toEqual({ payers: 3, plans: 3 });
    expect(sampleStatus(db)).toEqual({ payers: 0, plans: 0 });
    expect(loadSampleDataOnce(db, now)).toBe(false);
    // The sample's statements went with it; nothing else may ever delete one.
    expect((db.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('keeps real data: refuses while a real patient is covered by a sample plan, and removes nothing', () => {
    const { db, now, policies, patients } = setup();
    loadSampleDataOnce(db, now);
    const plan = policies.listPlans(null)[0]!;
    const patient = patients.save(null, patientInput());
    patients.saveCoverage(
      null,
      coverageInput(patient.id, plan.id, { subscriberDob: null, effectiveDate: null }),
    );
    expect(() => removeSampleData(db)).toThrow(/1 of your patients' coverages use a sample plan/);
    expect(sampleStatus(db)).toEqual({ payers: 3, plans: 3 });
    db.close();
  });
});
