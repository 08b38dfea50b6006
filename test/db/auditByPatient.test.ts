// "Who looked at Ana's record?": the audit trail filtered by patient finds every row about her (her
// record, her coverage, her estimate) and nobody else's, and names her for the administrator, while
// the trail itself still holds ids only.
import { describe, expect, it } from 'vitest';
import type { AuditRowView } from '../../src/shared/auth/authViews';
import { openSignedInApp } from '../helpers/appDispatch';
import { rows } from '../helpers/sqlRows';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { daysFromToday } from '../helpers/testClock';

describe('audit trail by patient', () => {
  const tempDir = useTempDirs();

  it('finds every row about one patient, names her, and leaves the other patient out', async () => {
    const app = await openSignedInApp(tempDir);
    const value = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await app.send(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value as T;
    };
    const payer = await value<{ id: number }>('payers:save', { id: null, payer: payerInput() });
    const plan = await value<{ id: number }>('plans:save', { id: null, plan: planInput(payer.id) });
    const ana = await value<{ id: number }>('patients:save', {
      id: null,
      patient: patientInput({ firstName: 'Ana', lastName: 'Ramírez' }),
    });
    const other = await value<{ id: number }>('patients:save', {
      id: null,
      patient: patientInput({ firstName: 'Otto', lastName: 'Other' }),
    });
    const withCoverage = await value<{ coverages: Array<{ id: number }> }>('coverages:save', {
      id: null,
      coverage: coverageInput(ana.id, plan.id),
    });
    await value('coverages:save', {
      id: withCoverage.coverages[0]!.id,
      coverage: coverageInput(ana.id, plan.id, { memberId: 'W55501' }),
    });
    await value('patients:get', { id: other.id });
    await value('patients:get', { id: ana.id });
    const estimate = await value<{ id: number }>('estimate:save', {
      patientId: ana.id,
      selfPay: true,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(10), feeCents: 120_000 }],
    });

    const list = (filter: Record<string, unknown>) =>
      value<AuditRowView[]>('audit:list', { userName: null, action: null, from: null, to: null, ...filter });

    const about = await list({ patientId: ana.id });
    const kinds = about.map((r) => `${r.action} ${r.entity}`);
    expect(kinds).toEqual([
      'create estimate',
      'view patient',
      'change coverage',
      'create coverage',
      'create patient',
    ]);
    expect(about.every((r) => r.patientId === ana.id && r.patientName === 'Ana Ramírez')).toBe(true);
    expect(about.find((r) => r.entity === 'estimate')!.entityId).toBe(estimate.id);

    // Control: without the filter, Otto's rows are there too (the filter is what left them out).
    const all = await list({});
    expect(all.some((r) => r.patientName === 'Otto Other')).toBe(true);
    expect(all.length).toBeGreaterThan(about.length);

    // The names are read at display time: the trail's own rows hold none.
    const stored = await rows<{ d: string; u: string }>(
      app.db,
      'SELECT detail_json AS d, user_name AS u FROM audit_log',
    );
    expect(stored.some((r) => r.d.includes('Ramírez') || r.d.includes('Otto'))).toBe(false);
  });
});
