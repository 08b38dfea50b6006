// HIPAA-6/10, second round: what the estimate screen computes shows a patient's name, plans and masked
// member IDs, so each computation is recorded as a view of that patient (a front-desk user cannot look
// through patients unseen, one id after another); and a cost summary printed or saved as PDF is recorded
// with the estimate it showed.
import { describe, expect, it } from 'vitest';
import { CHANNEL_POLICY } from '../../src/main/ipc/channelPolicy';
import { contract } from '../../src/shared/ipc/contract';
import { openSignedInApp, signInAsFrontDesk } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { row, rows } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { daysFromToday } from '../helpers/testClock';
import { SYNTHETIC_OFFICE } from '../helpers/testOffice';

describe('audited views and printouts name what they showed', () => {
  const tempDir = useTempDirs();

  it('a front-desk user computing an estimate leaves a view of that patient, by name of the user', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    const ids: number[] = [];
    for (const lastName of ['Firstone', 'Secondone'])
      ids.push(
        (
          (await send('patients:save', { id: null, patient: patientInput({ lastName }) })) as {
            value: { id: number };
          }
        ).value.id,
      );
    await signInAsFrontDesk(send);
    const last = async () => (await row<{ id: number }>(db, 'SELECT max(id) AS id FROM audit_log'))!;
    const before = (await last()).id;
    for (const patientId of ids) {
      const computed = await send('estimate:compute', {
        patientId,
        lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(7), feeCents: 45_000 }],
        selfPay: true,
      });
      expect(computed).toMatchObject({ ok: true, value: { patient: { id: patientId } } });
    }
    const logged = await rows(
      db,
      'SELECT user_name AS who, action, entity, entity_id AS "entityId" FROM audit_log WHERE id > ? ORDER BY id',
      before,
    );
    expect(logged).toEqual(
      ids.map((entityId) => ({ who: 'Desk Person', action: 'view', entity: 'patient', entityId })),
    );
  });

  it('printing a cost summary and saving it as PDF are recorded with the estimate', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    const patient = (await send('patients:save', { id: null, patient: patientInput() })) as {
      value: { id: number };
    };
    const saved = (await send('estimate:save', {
      patientId: patient.value.id,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(7), feeCents: 45_000 }],
      selfPay: true,
    })) as { value: { id: number } };
    expect(await send('settings:update', { office: SYNTHETIC_OFFICE })).toMatchObject({ ok: true });
    expect(await send('print:costSummary', { estimateId: saved.value.id })).toMatchObject({ ok: true });
    expect(await send('print:costSummaryPdf', { estimateId: saved.value.id })).toMatchObject({ ok: true });
    const logged = await rows(
      db,
      "SELECT action, entity, entity_id AS \"entityId\" FROM audit_log WHERE action IN ('print', 'export') ORDER BY id",
    );
    expect(logged).toEqual([
      { action: 'print', entity: 'estimate', entityId: saved.value.id },
      { action: 'export', entity: 'estimate', entityId: saved.value.id },
    ]);
  });

  it('every audited channel names its entity by a field its input has (or by the id of what it returns)', () => {
    for (const [channel, policy] of Object.entries(CHANNEL_POLICY)) {
      if (!policy.audit?.idField) continue;
      const shape =
        (contract[channel as keyof typeof contract].input as { shape?: Record<string, unknown> }).shape ?? {};
      expect(Object.keys(shape), channel).toContain(policy.audit.idField);
    }
    // The channels whose input names the entity with another field than `id` say which.
    const named = Object.entries(CHANNEL_POLICY).flatMap(([channel, policy]) => {
      const shape =
        (contract[channel as keyof typeof contract].input as { shape?: Record<string, unknown> }).shape ?? {};
      const entityKey = policy.audit
        ? `${policy.audit.entity.replace(/_(\w)/g, (_m, c: string) => c.toUpperCase())}Id`
        : null;
      return entityKey && entityKey in shape && !('id' in shape) && policy.audit?.idField !== entityKey
        ? [channel]
        : [];
    });
    expect(named).toEqual([]);
  });
});
