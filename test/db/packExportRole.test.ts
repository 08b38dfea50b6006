// Issue 17, item 11: a policy pack carries every answer's provenance, rep names and call reference
// numbers included, so only an administrator exports one (and the export is audited).
import { describe, expect, it } from 'vitest';
import { openSignedInApp, signInAsFrontDesk } from '../helpers/appDispatch';
import { completedCall } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { row } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { fixedClock } from '../helpers/testClock';

describe('policy pack export', () => {
  const tempDir = useTempDirs();

  it('holds rep names and reference numbers: an administrator exports it, audited; a front-desk user is refused', async () => {
    const app = await openSignedInApp(tempDir);
    const deps = { db: app.db, now: fixedClock(), actor: () => 'Test User' };
    const { policies, patients, calls } = testServices(deps.db, deps.now);
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const patient = await patients.save(null, patientInput());
    await completedCall(calls, patient.id, plan.id);

    expect(await app.send('packs:export', {})).toMatchObject({ ok: true });
    const pack = String(app.saved.at(-1)!.content);
    expect(pack).toContain('Rep Synthetic');
    expect(pack).toContain('REF-2026-001');
    expect(await row(app.db, 'SELECT action, entity FROM audit_log ORDER BY id DESC LIMIT 1')).toEqual({
      action: 'export',
      entity: 'policy_pack',
    });

    await signInAsFrontDesk(app.send);
    const saved = app.saved.length;
    expect(await app.send('packs:export', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(app.saved).toHaveLength(saved);
  });
});
