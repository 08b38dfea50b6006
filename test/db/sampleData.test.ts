import { describe, expect, it } from 'vitest';
import { loadSampleDataOnce, removeSampleData, sampleStatus } from '../../src/main/services/sampleData';
import { openTestAppDb } from '../helpers/appDb';
import { coverageInput, patientInput } from '../helpers/policyFixtures';
import { row } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { testServices } from '../helpers/services';

describe('sample data', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const deps = { db, now, actor: () => 'Test User' };
    return {
      db,
      now,
      policies: testServices(deps.db, deps.now).policies,
      patients: testServices(deps.db, deps.now).patients,
    };
  };

  it('loads fictional payers, clearly named, with plans and answered policies', async () => {
    const { db, now, policies } = await setup();
    expect(await loadSampleDataOnce(db, now)).toBe(true);
    const payers = await policies.listPayers();
    expect(payers.length).toBeGreaterThanOrEqual(3);
    for (const payer of payers) {
      expect(payer.name).toMatch(/^SAMPLE Fictional .*\(not a real payer\)$/);
      expect(payer.isSample).toBe(true);
    }
    const ppo = (await policies.listPlans(null)).find((p) => p.name === 'SAMPLE Bluebird PPO 1500')!;
    const d0367 = (await policies.getMatrix(ppo.id)).rows.find((r) => r.code === 'D0367')!;
    expect(d0367.cells.priorAuth).toMatchObject({
      value: 'required',
      status: 'known',
      source: { source: 'sample', recordedBy: 'VerifyDesk sample data' },
    });
    const d0393 = (await policies.getMatrix(ppo.id)).rows.find((r) => r.code === 'D0393')!;
    expect(d0393.cells.covered).toMatchObject({ value: 'no', inherited: true });
    await db.close();
  });

  it('loads only once: after removal it never comes back', async () => {
    const { db, now } = await setup();
    await loadSampleDataOnce(db, now);
    expect(await removeSampleData(db)).toEqual({ payers: 3, plans: 3 });
    expect(await sampleStatus(db)).toEqual({ payers: 0, plans: 0 });
    expect(await loadSampleDataOnce(db, now)).toBe(false);
    // The sample's statements went with it; nothing else may ever delete one.
    expect((await row<{ n: number }>(db, 'SELECT count(*) AS n FROM observations'))!.n).toBe(0);
    await db.close();
  });

  it('keeps real data: refuses while a real patient is covered by a sample plan, and removes nothing', async () => {
    const { db, now, policies, patients } = await setup();
    await loadSampleDataOnce(db, now);
    const plan = (await policies.listPlans(null))[0]!;
    const patient = await patients.save(null, patientInput());
    await patients.saveCoverage(
      null,
      coverageInput(patient.id, plan.id, { subscriberDob: null, effectiveDate: null }),
    );
    await expect(removeSampleData(db)).rejects.toThrow(/1 of your patients' coverages use a sample plan/);
    expect(await sampleStatus(db)).toEqual({ payers: 3, plans: 3 });
    await db.close();
  });
});
