import { describe, expect, it } from 'vitest';
import { upsertOfficeFee, upsertPlanFee } from '../../src/main/db/repositories/feeRepo';
import { maskMemberId } from '../../src/main/services/estimateService';
import { AppError } from '../../src/shared/ipc/result';
import { openTestAppDb } from '../helpers/appDb';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { run } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import {
  TEST_TODAY,
  benefitYearStartMonthAroundToday,
  fixedClock,
  daysFromToday,
} from '../helpers/testClock';
import { testServices } from '../helpers/services';

describe('estimate service', () => {
  const tempDir = useTempDirs();
  const setup = async (clock = fixedClock()) => {
    let now = clock;
    const { db } = await openTestAppDb(tempDir, () => now());
    const deps = { db, now: () => now(), actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const estimates = testServices(deps.db, deps.now).estimates;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    await policies.setBenefits(plan.id, {
      networkStatus: 'in_network',
      annualMaxCents: 150_000,
      deductibleIndividualCents: 5_000,
      deductibleWaivedCategories: ['diagnostic'],
      benefitYearStartMonth: benefitYearStartMonthAroundToday(),
      cobMethod: 'standard',
    });
    await policies.setPolicy(plan.id, 'D0367', {
      covered: 'yes',
      coverageBp: 5000,
      category: 'major',
      priorAuth: 'required',
    });
    await upsertOfficeFee(db, { code: 'D0367', cents: 120_000 }, 'now');
    await upsertPlanFee(db, plan.id, { code: 'D0367', cents: 90_000 }, 'now');
    const patient = await patients.save(null, patientInput());
    await patients.saveCoverage(null, {
      patientId: patient.id,
      planId: plan.id,
      ordinal: 1,
      memberId: 'MRK987654321',
      subscriberName: 'Mrkfirst Qzxlast',
      subscriberDob: null,
      relationship: 'self',
      effectiveDate: daysFromToday(-690),
      terminationDate: null,
      maxUsedCents: 20_000,
      maxUsedStatedOn: daysFromToday(-21),
      deductibleMetCents: 0,
      deductibleMetStatedOn: daysFromToday(-21),
    });
    return {
      db,
      estimates,
      patient,
      advance: (days: number) => (now = () => new Date(clock().getTime() + days * 86_400_000)),
    };
  };
  const request = (patientId: number) => ({
    patientId,
    lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18), feeCents: null }],
    selfPay: false,
  });

  it('estimates from the store: office fee, allowed fee, deductible, percent, write-off', async () => {
    const { db, estimates, patient } = await setup();
    const view = await estimates.compute(request(patient.id));
    // allowed 900, deductible 50 (major is not waived), (900 - 50) x 50% = 425, write-off 300, patient 475
    expect(view.lines[0]).toMatchObject({
      feeCents: 120_000,
      insuranceCents: 42_500,
      writeOffCents: 30_000,
      patientCents: 47_500,
    });
    expect(view.lines[0]!.flags.map((f) => f.code)).toContain('prior_auth_required');
    expect(view.coverages[0]).toMatchObject({ memberIdMasked: '••••••••4321', lastVerified: TEST_TODAY });
    expect(view.coverageTotals[0]).toMatchObject({
      maxRemainingCents: 150_000 - 20_000 - 42_500,
      deductibleRemainingCents: 0,
    });
    expect(view.lines[0]!.summary).toMatch(/Cone-beam CT/);
    await db.close();
  });

  it('flags answers older than the re-verify window', async () => {
    const { db, estimates, patient, advance } = await setup();
    advance(91);
    const flags = (await estimates.compute(request(patient.id))).lines[0]!.flags.map((f) => f.text);
    expect(flags.some((t) => /older than 90 days; re-verify/.test(t))).toBe(true);
    await db.close();
  });

  it('self-pay ignores coverage; a missing office fee is asked for beside the line', async () => {
    const { db, estimates, patient } = await setup();
    expect(await estimates.compute({ ...request(patient.id), selfPay: true })).toMatchObject({
      selfPay: true,
      totals: { patientCents: 120_000 },
    });
    try {
      await estimates.compute({
        ...request(patient.id),
        lines: [{ code: 'D0368', tooth: null, serviceDate: daysFromToday(18), feeCents: null }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).field).toBe('lines.0.feeCents');
    }
    await db.close();
  });

  it('a saved estimate is an immutable snapshot: same on every read, and the database refuses changes', async () => {
    const { db, estimates, patient } = await setup();
    const saved = await estimates.save(request(patient.id));
    expect(saved).toMatchObject({ createdBy: 'Test User', validUntil: daysFromToday(30) });
    expect(await estimates.get(saved.id)).toEqual(saved);
    await expect(run(db, 'UPDATE estimates SET view_json = ? WHERE id = ?', '{}', saved.id)).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(run(db, 'DELETE FROM estimates WHERE id = ?', saved.id)).rejects.toThrow(
      /cannot be deleted/,
    );
    await db.close();
  });

  it('masks member IDs to their last four characters, or entirely when short', () => {
    expect(maskMemberId('MRK987654321')).toBe('••••••••4321');
    expect(maskMemberId('ABC123')).toBe('••••••');
  });
});
