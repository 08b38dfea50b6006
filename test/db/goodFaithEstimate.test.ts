import { describe, expect, it } from 'vitest';
import { upsertOfficeFee } from '../../src/main/db/repositories/feeRepo';
import { AppError } from '../../src/shared/ipc/result';
import { DEFAULT_SETTINGS } from '../../src/shared/settings/settings';
import { openTestAppDb } from '../helpers/appDb';
import { patientInput } from '../helpers/policyFixtures';
import { row, run } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_TODAY, daysFromToday } from '../helpers/testClock';
import { testServices } from '../helpers/services';

const OFFICE = {
  ...DEFAULT_SETTINGS.office,
  name: 'Synthetic Smiles Dental (test)',
  addressLine1: '1 Example Way',
  npi: '1234567893',
  tin: '12-3456789',
};

describe('Good Faith Estimates', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const deps = { db, now, actor: () => 'Test User' };
    const patient = await testServices(deps.db, deps.now).patients.save(
      null,
      patientInput({ preferredLanguage: 'es' }),
    );
    await upsertOfficeFee(db, { code: 'D0367', cents: 120_000 }, 'now');
    return { db, gfes: testServices(deps.db, deps.now).estimates, patient };
  };
  const request = (patientId: number) => ({
    patientId,
    primaryService: 'Cone-beam CT scan before implant surgery',
    scheduledDate: daysFromToday(18),
    items: [{ code: 'D0367', diagnosisCodes: ['K08.409'], feeCents: null }],
  });

  it("issues a frozen snapshot with every required element, in the patient's language", async () => {
    const { db, gfes, patient } = await setup();
    const gfe = await gfes.issueGoodFaithEstimate(request(patient.id), OFFICE);
    expect(gfe).toMatchObject({
      issuedOn: TEST_TODAY,
      issuedBy: 'Test User',
      language: 'es',
      patient: { name: 'Mrkfirst Qzxlast', dob: '1970-01-02' },
      provider: {
        name: 'Synthetic Smiles Dental (test)',
        npi: '1234567893',
        tin: '12-3456789',
        address: '1 Example Way',
      },
      primaryService: 'Cone-beam CT scan before implant surgery',
      scheduledDate: daysFromToday(18),
      items: [
        {
          code: 'D0367',
          diagnosisCodes: ['K08.409'],
          // The official title travels with the code, frozen with the estimate.
          diagnoses: [
            { code: 'K08.409', title: 'Partial loss of teeth, unspecified cause, unspecified class' },
          ],
          expectedCents: 120_000,
        },
      ],
      totalCents: 120_000,
    });
    expect(await gfes.getGoodFaithEstimate(gfe.id)).toEqual(gfe);
    await expect(run(db, 'UPDATE good_faith_estimates SET issued_at = ?', 'x')).rejects.toThrow(
      /cannot be changed/,
    );
    await expect(run(db, 'DELETE FROM good_faith_estimates')).rejects.toThrow(/cannot be deleted/);
    await db.close();
  });

  it('a later change to the office header does not change an issued estimate', async () => {
    const { db, gfes, patient } = await setup();
    const gfe = await gfes.issueGoodFaithEstimate(request(patient.id), OFFICE);
    await gfes.issueGoodFaithEstimate(request(patient.id), { ...OFFICE, name: 'Renamed Practice' });
    expect((await gfes.getGoodFaithEstimate(gfe.id)).provider.name).toBe('Synthetic Smiles Dental (test)');
    await db.close();
  });

  it('refuses without the provider details, and with a non-billable diagnosis header', async () => {
    const { db, gfes, patient } = await setup();
    await expect(gfes.issueGoodFaithEstimate(request(patient.id), DEFAULT_SETTINGS.office)).rejects.toThrow(
      /fill in the practice name, address, NPI and TIN/,
    );
    try {
      await gfes.issueGoodFaithEstimate(
        { ...request(patient.id), items: [{ code: 'D0367', diagnosisCodes: ['K08.1'], feeCents: null }] },
        OFFICE,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/K08.1 is a category, not a billable diagnosis code/);
    }
    expect(await row(db, 'SELECT count(*) AS n FROM good_faith_estimates')).toEqual({ n: 0 });
    await db.close();
  });
});
