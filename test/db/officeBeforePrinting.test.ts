// No printout under a placeholder office: until the office header is complete (its NPI passing the
// check digit), main refuses to print or save a PDF and says what to do; once it is, the same request
// goes through.
import { describe, expect, it } from 'vitest';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { daysFromToday } from '../helpers/testClock';
import { SYNTHETIC_OFFICE } from '../helpers/testOffice';

describe('office header before printing', () => {
  const tempDir = useTempDirs();

  it('refuses printouts until the header is complete, then prints', async () => {
    const app = await openSignedInApp(tempDir);
    const patient = await app.send('patients:save', { id: null, patient: patientInput() });
    if (!patient.ok) throw new Error(patient.error.message);
    const estimate = await app.send('estimate:save', {
      patientId: (patient.value as { id: number }).id,
      selfPay: true,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(10), feeCents: 120_000 }],
    });
    if (!estimate.ok) throw new Error(estimate.error.message);
    const estimateId = (estimate.value as { id: number }).id;

    const refused = await app.send('print:costSummaryPdf', { estimateId });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/office header is not complete/) },
    });
    expect(app.saved).toEqual([]);

    // An NPI that fails its check digit is refused where it is typed...
    const office = { ...SYNTHETIC_OFFICE, npi: '1234567890' };
    expect(await app.send('settings:update', { office })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'office.npi' },
    });
    // ...and a complete header lets the same printout through.
    expect(await app.send('settings:update', { office: SYNTHETIC_OFFICE })).toMatchObject({
      ok: true,
    });
    expect(await app.send('print:costSummaryPdf', { estimateId })).toMatchObject({ ok: true });
    expect(app.saved.map((f) => f.name)).toEqual([`estimate-${estimateId}.pdf`]);
  });
});
