// ENC-6: a use of the recovery code is written to the audit trail at start and flags the next
// administrator sign-in until an administrator acknowledges it; front desk cannot see or clear it.
import { describe, expect, it } from 'vitest';
import { recordEmergencyAccess } from '../../src/main/audit/auditLog';
import { openSignedInApp, signInAsFrontDesk } from '../helpers/appDispatch';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_NOW, fixedClock } from '../helpers/testClock';

describe('recovery-code use flags the next administrator sign-in', () => {
  const tempDir = useTempDirs();

  it('is shown until acknowledged, once per use, to administrators only', async () => {
    const { db, send } = await openSignedInApp(tempDir);
    expect(await send('security:emergencyAccess', {})).toEqual({ ok: true, value: { notice: null } });

    await recordEmergencyAccess(db, fixedClock());
    const first = (await send('security:emergencyAccess', {})) as { value: { notice: { id: number } } };
    expect(first).toEqual({
      ok: true,
      value: { notice: { id: expect.any(Number), at: TEST_NOW.toISOString() } },
    });

    // A front-desk user neither sees nor clears it.
    await signInAsFrontDesk(send);
    expect(await send('security:emergencyAccess', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send('security:acknowledgeEmergencyAccess', { id: first.value.notice.id })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    await send('session:signOut', {});
    await send('session:signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password });
    expect(await send('security:emergencyAccess', {})).toEqual(first);
    // Only the use waiting to be acknowledged can be acknowledged.
    expect(
      await send('security:acknowledgeEmergencyAccess', { id: first.value.notice.id + 1 }),
    ).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await send('security:acknowledgeEmergencyAccess', { id: first.value.notice.id })).toEqual({
      ok: true,
      value: { acknowledged: true },
    });
    expect(await send('security:emergencyAccess', {})).toEqual({ ok: true, value: { notice: null } });
    const row = db
      .sqlite!.prepare(
        "SELECT user_name AS who, entity_id AS id FROM audit_log WHERE action = 'change' AND entity = 'emergency_access'",
      )
      .get();
    expect(row).toEqual({ who: expect.any(String), id: first.value.notice.id });

    // A later use is a new notice.
    const nextDay = new Date(TEST_NOW.getTime() + 21 * 3_600_000);
    await recordEmergencyAccess(db, fixedClock(nextDay));
    expect(await send('security:emergencyAccess', {})).toMatchObject({
      value: { notice: { at: nextDay.toISOString() } },
    });
  });
});
