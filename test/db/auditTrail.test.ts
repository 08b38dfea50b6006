// The audit trail through the real dispatch, guard and services: one row per successful action, written
// in the same transaction as the change; append-only; a hash chain that names the first altered row.
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/main/audit/auditLog';
import { createDispatch } from '../../src/main/ipc/dispatch';
import type { Guard } from '../../src/main/ipc/guard';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import { openSignedInApp } from '../helpers/appDispatch';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';
import { patientInput } from '../helpers/policyFixtures';
import { row, rows, run } from '../helpers/sqlRows';
import { auditWritesFail, auditWritesWork, dropAuditGuards } from '../helpers/auditFaults';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_NOW } from '../helpers/testClock';

describe('audit trail', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    const { db, services, send } = await openSignedInApp(tempDir);
    const trail = () =>
      rows<{
        action: string;
        entity: string;
        entityId: number | null;
        detail: string;
      }>(
        db,
        'SELECT action, entity, entity_id AS "entityId", detail_json AS detail FROM audit_log ORDER BY id',
      );
    return { db, services, send, trail };
  };

  it('records each view, change and search once, with ids and field names but no patient details', async () => {
    const { db, send, trail } = await setup();
    const before = (await trail()).length; // the setup of the administrator
    const created = await send('patients:save', { id: null, patient: patientInput() });
    expect(created.ok).toBe(true);
    const id = (created as { value: { id: number } }).value.id;
    await send('patients:get', { id });
    await send('patients:search', { query: 'Qzxlast' });
    await send('catalog:search', { query: 'cone beam' }); // code lookup is not about a patient
    const added = (await trail()).slice(before);
    expect(added.map((r) => [r.action, r.entity, r.entityId])).toEqual([
      ['create', 'patient', id],
      ['view', 'patient', id],
      ['search', 'patient', null],
    ]);
    expect(JSON.parse(added[0]!.detail)).toEqual({ channel: 'patients:save', fields: ['patient'] });
    const everything = JSON.stringify(await rows(db, 'SELECT * FROM audit_log'));
    for (const marker of ['Mrkfirst', 'Qzxlast', '1970-01-02']) expect(everything).not.toContain(marker);
  });

  it('a refused action leaves no change and no audit row; a failing audit write undoes the change', async () => {
    const { db, send, trail } = await setup();
    const count = async () => (await trail()).length;
    const patients = async () => (await row<{ n: number }>(db, 'SELECT count(*) AS n FROM patients'))!.n;
    const [auditBefore, patientsBefore] = [await count(), await patients()];
    const refused = await send('patients:save', { id: 999, patient: patientInput() });
    expect(refused.ok).toBe(false);
    expect([await count(), await patients()]).toEqual([auditBefore, patientsBefore]);

    // The audit insert fails: the patient must not be saved without its audit row.
    await auditWritesFail(db, 'audit write failed');
    const unaudited = await send('patients:save', {
      id: null,
      patient: patientInput({ lastName: 'Noaudit' }),
    });
    expect(unaudited).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await patients()).toBe(patientsBefore);
    await auditWritesWork(db);
  });

  it('control: the same check catches an audit row written after the change instead of with it', async () => {
    const { db, services } = await openSignedInApp(tempDir);
    const patients = async () => (await row<{ n: number }>(db, 'SELECT count(*) AS n FROM patients'))!.n;
    // A broken guard: runs the handler (its own transaction commits), then writes the audit row.
    const broken: Guard = {
      authorize: (channel) => services.guard.authorize(channel),
      run: async (channel, _input, handler) => {
        const output = handler();
        await appendAudit(
          db,
          { who: null, otherwise: 'x', action: 'create', entity: 'patient', detail: { channel } },
          TEST_NOW,
        );
        return output;
      },
    };
    const dispatch = createDispatch({
      handlers: services.handlers,
      guard: broken,
      isTrustedSender: (s) => isTrustedSender(s, undefined),
      checkOutputs: true,
      reportError: () => undefined,
    });
    const before = await patients();
    await auditWritesFail(db, 'audit write failed');
    await dispatch(MAIN_WINDOW_SENDER, 'patients:save', {
      id: null,
      patient: patientInput({ lastName: 'Leaked' }),
    });
    await auditWritesWork(db);
    // The patient was saved with no audit row: exactly what the real guard's test forbids.
    expect(await patients()).toBe(before + 1);
  });

  it('is append-only, and the chain check names the first altered or removed row', async () => {
    const { db, send } = await setup();
    for (let i = 0; i < 5; i++) await send('patients:search', { query: `x${i}` });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, firstBadId: null });
    await expect(run(db, "UPDATE audit_log SET action = 'view' WHERE id = 2")).rejects.toThrow(/append-only/);
    await expect(run(db, 'DELETE FROM audit_log WHERE id = 2')).rejects.toThrow(/append-only/);

    // Someone with the database's owner rights removes the guards and edits history.
    await dropAuditGuards(db);
    await run(db, "UPDATE audit_log SET user_name = 'Someone Else' WHERE id = 3");
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 3 });
    await run(db, "UPDATE audit_log SET user_name = 'Test User' WHERE id = 3");
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await run(db, 'DELETE FROM audit_log WHERE id = 4');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 5 });
  });

  it('the chain continues from the last row, and the admin screen channels are themselves audited', async () => {
    const { db, send, trail } = await setup();
    const row = await appendAudit(
      db,
      { who: null, otherwise: 'x', action: 'view', entity: 'test' },
      TEST_NOW,
    );
    expect(row.prevHash).toMatch(/^[0-9a-f]{64}$/);
    const listed = await send('audit:list', { userName: null, action: null, from: null, to: null });
    expect(listed.ok).toBe(true);
    expect((await trail()).at(-1)).toMatchObject({ action: 'view', entity: 'audit_log' });
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
