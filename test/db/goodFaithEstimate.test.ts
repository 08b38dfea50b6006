import { describe, expect, it } from 'vitest';
import { upsertOfficeFee } from '../../src/main/db/repositories/feeRepo';
import { AppError } from '../../src/shared/ipc/result';
import { DEFAULT_SETTINGS } from '../../src/shared/settings/settings';
import { openTestAppDb } from '../helpers/appDb';
import { patientInput } from '../helpers/policyFixtures';
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
  const setup = () => {
    const { db, now } = openTestAppDb(tempDir);
    const deps = { db, now, actor: () => 'Test User' };
    const patient = testServices(deps.db, deps.now).patients.save(
      null,
      patientInput({ preferredLanguage: 'es' }),
    );
    upsertOfficeFee(db, { code: 'D0367', cents: 120_000 }, 'now');
    return { db, gfes: testServices(deps.db, deps.now).estimates, patient };
  };
  const request = (patientId: number) => ({
    patientId,
    primaryService: 'Cone-beam CT scan before implant surgery',
    scheduledDate: daysFromToday(18),
    items: [{ code: 'D0367', diagnosisCodes: ['K08.409'], feeCents: null }],
  });

  it("issues a frozen snapshot with every required element, in the patient's language", () => {
    const { db, gfes, patient } = setup();
    const gfe = gfes.issueGoodFaithEstimate(request(patient.id), OFFICE);
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
      items: [{ code: 'D0367', diagnosisCodes: ['K08.409'], expectedCents: 120_000 }],
      totalCents: 120_000,
    });
    expect(gfes.getGoodFaithEstimate(gfe.id)).toEqual(gfe);
    expect(() => db.prepare('UPDATE good_faith_estimates SET issued_at = ?').run('x')).toThrow(
      /cannot be changed/,
    );
    expect(() => db.prepare('DELETE FROM good_faith_estimates').run()).toThrow(/cannot be deleted/);
    db.close();
  });

  it('a later change to the office header does not change an issued estimate', () => {
    const { db, gfes, patient } = setup();
    const gfe = gfes.issueGoodFaithEstimate(request(patient.id), OFFICE);
    gfes.issueGoodFaithEstimate(request(patient.id), { ...OFFICE, name: 'Renamed Practice' });
    expect(gfes.getGoodFaithEstimate(gfe.id).provider.name).toBe('Synthetic Smiles Dental (test)');
    db.close();
  });

  it('refuses without the provider details, and with a non-billable diagnosis header', () => {
    const { db, gfes, patient } = setup();
    expect(() => gfes.issueGoodFaithEstimate(request(patient.id), DEFAULT_SETTINGS.office)).toThrow(
      /fill in the practice name, address, NPI and TIN/,
    );
    try {
      gfes.issueGoodFaithEstimate(
        { ...request(patient.id), items: [{ code: 'D0367', diagnosisCodes: ['K08.1'], feeCents: null }] },
        OFFICE,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).message).toMatch(/K08.1 is a category, not a billable diagnosis code/);
    }
    expect(db.prepare('SELECT count(*) AS n FROM good_faith_estimates').get()).toEqual({ n: 0 });
    db.close();
  });
});
