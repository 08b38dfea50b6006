// Patient search through the window's channel, over a real database: the forms the desk types, the
// member ID from the coverage on file, and a birth date typed any way.
import { describe, expect, it } from 'vitest';
import type { PatientSummary } from '../../src/shared/policy/policyViews';
import { openSignedInApp } from '../helpers/appDispatch';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { row } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';

describe('patients:search', () => {
  const tempDir = useTempDirs();

  async function seeded() {
    const app = await openSignedInApp(tempDir);
    const value = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await app.send(channel, input);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as T;
    };
    const payer = await value<{ id: number }>('payers:save', { id: null, payer: payerInput() });
    const plan = await value<{ id: number }>('plans:save', { id: null, plan: planInput(payer.id) });
    const ana = await value<{ id: number }>('patients:save', {
      id: null,
      patient: patientInput({ firstName: 'Ana', lastName: 'Ramírez', dob: '1970-01-02' }),
    });
    await value('coverages:save', {
      id: null,
      coverage: coverageInput(ana.id, plan.id, { memberId: 'W123456789', subscriberName: 'Ana Ramírez' }),
    });
    await value('patients:save', {
      id: null,
      patient: patientInput({ firstName: 'Anabel', lastName: 'Ramos', dob: '1985-03-04' }),
    });
    const names = async (query: string) =>
      (await value<PatientSummary[]>('patients:search', { query })).map(
        (p) => `${p.firstName} ${p.lastName}`,
      );
    return { app, names };
  }

  it('finds Ana Ramírez by every form the desk types, and says nothing for a stranger', async () => {
    const { app, names } = await seeded();
    for (const query of [
      'ramirez ana',
      'Ramirez, Ana',
      'Ramirez',
      'ana ramírez',
      '01/02/1970',
      '1/2/70',
      '1970-01-02',
      'W123456789',
      'w1234',
      '6789',
    ]) {
      expect(await names(query), query).toEqual(['Ana Ramírez']);
    }
    expect(await names('Ramos, Beatriz')).toEqual([]);
    // Nothing typed: the recent patients (both were saved at the same instant of the fixed clock).
    expect((await names('')).sort()).toEqual(['Ana Ramírez', 'Anabel Ramos']);
    // The audit row records the search and how many it found, never what was typed.
    const last = await row<{ d: string }>(
      app.db,
      "SELECT detail_json AS d FROM audit_log WHERE action = 'search' ORDER BY id DESC LIMIT 1",
    );
    expect(JSON.parse(last!.d)).toEqual({ channel: 'patients:search', results: 2 });
    expect(last!.d).not.toContain('Ramos');
  });
});
