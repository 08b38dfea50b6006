// Issue 17, item 11: a policy pack carries every answer's provenance, rep names and call reference
// numbers included, so only an administrator exports one (and the export is audited).
import { describe, expect, it } from 'vitest';
import { createCallService } from '../../src/main/services/callService';
import { createPatientService } from '../../src/main/services/patientService';
import { createPolicyService } from '../../src/main/services/policyService';
import { openSignedInApp, signInAsFrontDesk } from '../helpers/appDispatch';
import { completedCall } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { fixedClock } from '../helpers/testClock';

describe('policy pack export', () => {
  const tempDir = useTempDirs();

  it('holds rep names and reference numbers: an administrator exports it, audited; a front-desk user is refused', async () => {
    const app = await openSignedInApp(tempDir);
    const deps = { db: app.db, now: fixedClock(), actor: () => 'Test User' };
    const policies = createPolicyService({ ...deps, staleAfterDays: () => 90 });
    const plan = policies.savePlan(null, planInput(policies.savePayer(null, payerInput()).id));
    const patient = createPatientService({ ...deps, staleAfterDays: () => 30 }).save(null, patientInput());
    completedCall(createCallService({ ...deps, policies }), patient.id, plan.id);

    expect(await app.send('packs:export', {})).toMatchObject({ ok: true });
    const pack = String(app.saved.at(-1)!.content);
    expect(pack).toContain('Rep Synthetic');
    expect(pack).toContain('REF-2026-001');
    expect(app.db.prepare('SELECT action, entity FROM audit_log ORDER BY id DESC LIMIT 1').get()).toEqual({
      action: 'export',
      entity: 'policy_pack',
    });

    await signInAsFrontDesk(app.send);
    const saved = app.saved.length;
    expect(await app.send('packs:export', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(app.saved).toHaveLength(saved);
  });
});
