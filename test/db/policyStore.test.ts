import { describe, expect, it } from 'vitest';
import type { AppDb } from '../../src/main/db/appDb';
import { AppError } from '../../src/shared/ipc/result';
import { openTestAppDb } from '../helpers/appDb';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { num, run } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { startedCallId } from '../helpers/callDriver';
import { testServices } from '../helpers/services';

/** A clock the test can move: days are added to 2026-03-01 noon local time. */
function movableClock() {
  let days = 0;
  return {
    now: () => new Date(2026, 2, 1 + days, 12, 0, 0),
    advance: (n: number) => {
      days += n;
    },
  };
}

async function expectAppError(fn: () => unknown, code: string, field?: string): Promise<AppError> {
  try {
    await fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    if (field !== undefined) expect((error as AppError).field).toBe(field);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('payer, plan and policy store', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const clock = movableClock();
    const { db } = await openTestAppDb(tempDir, clock.now);
    const deps = { db, now: clock.now, actor: () => 'Test User' };
    const { policies, patients, ledger } = testServices(deps.db, deps.now);
    return { db, clock, policies, patients, ledger };
  };
  const count = (db: AppDb, table: string) => num(db, `SELECT count(*) AS n FROM ${table}`);

  it('creates and updates payers; names are unique regardless of case', async () => {
    const { db, policies } = await setup();
    const payer = await policies.savePayer(null, payerInput());
    expect(payer).toMatchObject({
      name: 'Fictional Dental Mutual (sample)',
      planCount: 0,
      sendsInvertedCoinsurance: 'unknown',
    });
    await expectAppError(
      () => policies.savePayer(null, payerInput('FICTIONAL DENTAL MUTUAL (SAMPLE)')),
      'conflict',
      'name',
    );
    const renamed = await policies.savePayer(payer.id, {
      ...payerInput('Renamed Fictional Payer'),
      sendsInvertedCoinsurance: 'yes',
    });
    expect(renamed).toMatchObject({
      id: payer.id,
      name: 'Renamed Fictional Payer',
      sendsInvertedCoinsurance: 'yes',
    });
    expect((await policies.listPayers()).map((p) => p.name)).toEqual(['Renamed Fictional Payer']);
    await db.close();
  });

  it('a payer with plans cannot vanish: the service refuses, and so does the database', async () => {
    const { db, policies } = await setup();
    const payer = await policies.savePayer(null, payerInput());
    await policies.savePlan(null, planInput(payer.id));
    const error = await expectAppError(() => policies.deletePayer(payer.id), 'conflict');
    expect(error.message).toMatch(/still has 1 plan/);
    await expect(run(db, 'DELETE FROM payers WHERE id = ?', payer.id)).rejects.toThrow(/foreign key/i);
    expect(await count(db, 'payers')).toBe(1);
    await db.close();
  });

  it('a new plan knows nothing: every benefit is unknown, never 0 or false', async () => {
    const { db, policies } = await setup();
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    for (const [field, view] of Object.entries(plan.benefits)) {
      expect(view.status, field).toBe('unknown');
      expect(view.value === null || view.value === 'unknown', field).toBe(true);
      expect(view.source, field).toBeNull();
    }
    await db.close();
  });

  it('records every benefit change as a statement, field by field, with its source', async () => {
    const { db, clock, policies } = await setup();
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const callId = await startedCallId(db, clock.now, plan.id);
    await policies.setBenefits(plan.id, { annualMaxCents: 150_000, deductibleIndividualCents: 5_000 });
    clock.advance(10);
    const after = await policies.setBenefits(
      plan.id,
      { deductibleIndividualCents: 0, networkStatus: 'in_network' },
      {
        source: 'call',
        callId,
        repName: 'Rep Synthetic',
        referenceNumber: 'REF-123',
      },
    );
    expect(after.benefits.annualMaxCents).toMatchObject({ value: 150_000, status: 'known' });
    expect(after.benefits.annualMaxCents!.source).toMatchObject({
      source: 'manual',
      recordedBy: 'Test User',
    });
    // A $0 deductible is an answer, not an unknown.
    expect(after.benefits.deductibleIndividualCents).toMatchObject({ value: 0, status: 'known' });
    expect(after.benefits.deductibleIndividualCents!.source).toMatchObject({
      source: 'call',
      callId,
      repName: 'Rep Synthetic',
      referenceNumber: 'REF-123',
    });
    expect(after.benefits.deductibleFamilyCents!.status).toBe('unknown');
    // Four statements: the $5,000 deductible is still in the history under the $0 that replaced it.
    expect(await count(db, 'observations')).toBe(4);
    expect(after.benefits.deductibleIndividualCents!.statements).toBe(2);
    await db.close();
  });

  it('refuses invalid answers with the field named and changes nothing', async () => {
    const { db, policies } = await setup();
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    await expectAppError(
      () =>
        policies.setPolicy(plan.id, 'D0367', {
          frequency: { count: 1, per: 'months', months: null, sharedWith: [] },
        }),
      'validation',
      'frequency',
    );
    await expectAppError(
      () => policies.setPolicy(plan.id, 'D0367', { ageLimits: { min: 20, max: 12 } }),
      'validation',
      'ageLimits',
    );
    expect(await count(db, 'observations')).toBe(0);
    await db.close();
  });

  it('the policy matrix shows known, unknown and stale at the boundary: 90 days fresh, 91 stale', async () => {
    const { db, clock, policies } = await setup();
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    await policies.setPolicy(plan.id, 'D0367', { covered: 'yes', coverageBp: 5000, priorAuth: 'required' });
    await policies.setPolicy(plan.id, 'D0364', { covered: 'no', coverageBp: 0 });
    const cell = async (code: string, field: 'covered' | 'coverageBp' | 'priorAuth' | 'frequency') =>
      (await policies.getMatrix(plan.id)).rows.find((r) => r.code === code)!.cells[field];

    expect(await cell('D0367', 'covered')).toMatchObject({ value: 'yes', status: 'known' });
    expect(await cell('D0367', 'frequency')).toMatchObject({ value: null, status: 'unknown' });
    // Not covered at 0% is known, distinct from unknown.
    expect(await cell('D0364', 'covered')).toMatchObject({ value: 'no', status: 'known' });
    expect(await cell('D0364', 'coverageBp')).toMatchObject({ value: 0, status: 'known' });
    expect(await cell('D0365', 'covered')).toMatchObject({ value: 'unknown', status: 'unknown' });

    clock.advance(90);
    expect((await cell('D0367', 'coverageBp')).status).toBe('known');
    clock.advance(1);
    expect((await cell('D0367', 'coverageBp')).status).toBe('stale');
    expect((await cell('D0367', 'coverageBp')).source!.recordedBy).toBe('Test User');
    await db.close();
  });

  it('a payer-wide default fills in what the plan does not know, marked as inherited', async () => {
    const { db, policies, ledger } = await setup();
    const payer = await policies.savePayer(null, payerInput());
    const plan = await policies.savePlan(null, planInput(payer.id));
    await ledger.record(
      { kind: 'payer', id: payer.id },
      [
        { code: 'D0330', field: 'covered', value: 'yes' },
        { code: 'D0330', field: 'priorAuth', value: 'not_required' },
      ],
      { source: 'pack', sourceDetail: 'a pack' },
    );
    await policies.setPolicy(plan.id, 'D0330', { priorAuth: 'required' });
    const row = (await policies.getMatrix(plan.id)).rows.find((r) => r.code === 'D0330')!;
    expect(row.cells.covered).toMatchObject({ value: 'yes', inherited: true });
    expect(row.cells.priorAuth).toMatchObject({ value: 'required', inherited: false });
    await db.close();
  });

  it('lists every current imaging code in the matrix and leaves deleted codes out', async () => {
    const { db, policies } = await setup();
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const codes = (await policies.getMatrix(plan.id)).rows.map((r) => r.code);
    expect(codes).toContain('D0367');
    expect(codes).not.toContain('D0351');
    expect(codes.length).toBe(56);
    await db.close();
  });
});

describe('patients and coverage', () => {
  const tempDir = useTempDirs();
  const count = (db: AppDb, table: string) => num(db, `SELECT count(*) AS n FROM ${table}`);
  const setup = async () => {
    const clock = movableClock();
    const { db } = await openTestAppDb(tempDir, clock.now);
    const deps = { db, now: clock.now, actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    return { db, clock, policies, patients, plan };
  };

  it('saves a patient with coverage; eligibility amounts go stale after 30 days', async () => {
    const { db, clock, patients, plan } = await setup();
    const patient = await patients.save(null, patientInput({ preferredLanguage: 'es' }));
    const saved = await patients.saveCoverage(
      null,
      coverageInput(patient.id, plan.id, { maxUsedCents: 20_000, maxUsedStatedOn: '2026-03-01' }),
    );
    expect(saved.preferredLanguage).toBe('es');
    expect(saved.coverages[0]!.maxUsed).toMatchObject({ value: 20_000, status: 'known' });
    expect(saved.coverages[0]!.maxUsed.source).toMatchObject({
      source: 'manual',
      recordedBy: 'Test User',
      observedOn: '2026-03-01',
    });
    expect(saved.coverages[0]!.deductibleMet).toMatchObject({ value: null, status: 'unknown' });
    clock.advance(30);
    expect((await patients.get(patient.id)).coverages[0]!.maxUsed.status).toBe('known');
    clock.advance(1);
    expect((await patients.get(patient.id)).coverages[0]!.maxUsed.status).toBe('stale');
    await db.close();
  });

  it('one primary and one secondary per patient', async () => {
    const { db, patients, plan } = await setup();
    const patient = await patients.save(null, patientInput());
    await patients.saveCoverage(null, coverageInput(patient.id, plan.id));
    await expectAppError(
      () => patients.saveCoverage(null, coverageInput(patient.id, plan.id)),
      'conflict',
      'ordinal',
    );
    expect(
      (await patients.saveCoverage(null, coverageInput(patient.id, plan.id, { ordinal: 2 }))).coverages,
    ).toHaveLength(2);
    await db.close();
  });

  it('a plan in use by a coverage cannot be deleted', async () => {
    const { db, policies, patients, plan } = await setup();
    const patient = await patients.save(null, patientInput());
    await patients.saveCoverage(null, coverageInput(patient.id, plan.id));
    await expectAppError(() => policies.deletePlan(plan.id), 'conflict');
    await expect(run(db, 'DELETE FROM plans WHERE id = ?', plan.id)).rejects.toThrow(/foreign key/i);
    await db.close();
  });

  it("refuses a future date of birth and service dates outside the patient's life", async () => {
    const { db, patients } = await setup();
    await expectAppError(() => patients.save(null, patientInput({ dob: '2030-01-01' })), 'validation', 'dob');
    const patient = await patients.save(null, patientInput());
    await expectAppError(
      () =>
        patients.addService({
          patientId: patient.id,
          code: 'D0330',
          serviceDate: '1969-12-31',
          source: 'office',
        }),
      'validation',
      'serviceDate',
    );
    await expectAppError(
      () =>
        patients.addService({
          patientId: patient.id,
          code: 'D0330',
          serviceDate: '2027-01-01',
          source: 'office',
        }),
      'validation',
      'serviceDate',
    );
    const withHistory = await patients.addService({
      patientId: patient.id,
      code: 'D0330',
      serviceDate: '2023-03-15',
      source: 'payer',
    });
    expect(withHistory.serviceHistory).toEqual([
      {
        uid: expect.any(String),
        code: 'D0330',
        serviceDate: '2023-03-15',
        source: 'payer',
        statement: expect.objectContaining({ source: 'manual', recordedBy: 'Test User' }),
      },
    ]);
    // Removed in error: withdrawn, not deleted; the withdrawal and the original stay on record.
    const withdrawn = await patients.deleteService(patient.id, withHistory.serviceHistory[0]!.uid);
    expect(withdrawn.serviceHistory).toEqual([]);
    expect(await count(db, 'observations')).toBe(2);
    await db.close();
  });

  it('finds patients by the start of a name; typed wildcards are literal', async () => {
    const { db, patients } = await setup();
    await patients.save(null, patientInput());
    await patients.save(null, patientInput({ firstName: 'Other', lastName: 'Synthetic' }));
    expect((await patients.search('qzx')).map((p) => p.lastName)).toEqual(['Qzxlast']);
    expect((await patients.search('Mrkfirst Q')).map((p) => p.lastName)).toEqual(['Qzxlast']);
    expect(await patients.search('%')).toEqual([]);
    expect(await patients.search('')).toHaveLength(2);
    await db.close();
  });
});
