// HIPAA-11: every CSV export is built from its column allowlist alone; the ones that can point at a
// patient are administrator channels the audit trail records. Checked on the registry, on the writer with
// rows that carry more than they should, and through the app's own dispatch with a front-desk user.
import { describe, expect, it } from 'vitest';
import { CHANNEL_POLICY } from '../../src/main/ipc/channelPolicy';
import { CSV_EXPORTS, exportCsv, type CsvExportType } from '../../src/shared/csv/csvExports';
import { openSignedInApp, signInAsFrontDesk } from '../helpers/appDispatch';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { row } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';

// Synthetic values that must never reach a CSV file.
const MARKERS = ['Zqvmarkfirst', 'Zqvmarklast', '1961-07-19', 'ZQVMEMBER4417', '555-0142'];

const linesOf = (csv: string) => csv.trimEnd().split('\r\n');

describe('CSV exports (HIPAA-11)', () => {
  const tempDir = useTempDirs();

  it('every export that can point at a patient is for administrators only and is audited', () => {
    const phi = Object.values(CSV_EXPORTS).filter((e) => e.holdsPhi);
    expect(phi.length).toBeGreaterThan(0);
    for (const { channel } of phi) {
      expect(CHANNEL_POLICY[channel]).toEqual({
        access: 'admin',
        audit: expect.objectContaining({ action: 'export' }),
      });
    }
    // Exports without patient data are still audited.
    for (const { channel } of Object.values(CSV_EXPORTS))
      expect(CHANNEL_POLICY[channel].audit?.action).toBe('export');
  });

  it.each(Object.keys(CSV_EXPORTS) as CsvExportType[])(
    '%s: the file holds its allowlisted columns and nothing else the rows carry',
    (type) => {
      const { columns } = CSV_EXPORTS[type];
      // Every allowed column gets a harmless value; the row also carries patient fields it must not write.
      const row = {
        ...Object.fromEntries(columns.map((c) => [c, `ok-${c}`])),
        firstName: MARKERS[0],
        lastName: MARKERS[1],
        dob: MARKERS[2],
        memberId: MARKERS[3],
        phone: MARKERS[4],
      };
      const csv = exportCsv(type, [row as never]);
      const [header, line] = linesOf(csv);
      expect(header).toBe(columns.join(','));
      expect(line).toBe(columns.map((c) => `ok-${c}`).join(','));
      for (const marker of MARKERS) expect(csv).not.toContain(marker);
    },
  );

  it('through the app: the audit trail export holds no patient values; front desk is refused and nothing is saved', async () => {
    const { send, saved, db } = await openSignedInApp(tempDir);
    const payer = (await send('payers:save', { id: null, payer: payerInput() })) as { value: { id: number } };
    const plan = (await send('plans:save', { id: null, plan: planInput(payer.value.id) })) as {
      value: { id: number };
    };
    const patient = (await send('patients:save', {
      id: null,
      patient: patientInput({
        firstName: MARKERS[0],
        lastName: MARKERS[1],
        dob: MARKERS[2],
        phone: MARKERS[4],
      }),
    })) as { ok: true; value: { id: number } };
    expect(patient.ok).toBe(true);
    const coverage = await send('coverages:save', {
      id: null,
      coverage: coverageInput(patient.value.id, plan.value.id, {
        memberId: MARKERS[3],
        subscriberName: `${MARKERS[0]} ${MARKERS[1]}`,
        subscriberDob: MARKERS[2],
        effectiveDate: '2026-01-01',
      }),
    });
    expect(coverage.ok).toBe(true);
    await send('patients:get', { id: patient.value.id });
    await send('patients:search', { query: MARKERS[1] });

    const filter = { userName: null, action: null, from: null, to: null };
    expect(await send('audit:export', filter)).toMatchObject({ ok: true });
    expect(saved).toHaveLength(1);
    const csv = String(saved[0]!.content);
    expect(linesOf(csv)[0]).toBe(CSV_EXPORTS.auditTrail.columns.join(','));
    // The patient's record is traceable by id (that is what the trail is for), never by what it holds.
    expect(csv).toMatch(new RegExp(`,patient,${patient.value.id},`));
    for (const marker of MARKERS) expect(csv).not.toContain(marker);
    const exported = (await row<{ n: number }>(
      db,
      "SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND entity = 'audit_log'",
    ))!;
    expect(exported.n).toBe(1);

    // A front-desk user may not export it.
    await signInAsFrontDesk(send);
    expect(await send('audit:export', filter)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(saved).toHaveLength(1);
  });
});
