// The session when the audit trail cannot be written (a full disk, a read-only file): signing out always
// closes the session; signing in or unlocking opens nothing unless its audit row was written. And what
// the audit trail keeps of a failed sign-in, and roles taken away while signed in (issue 17, 9 and 12).
import { describe, expect, it } from 'vitest';
import { openSignedInApp, type SignedInApp } from '../helpers/appDispatch';
import { auditWritesFail, auditWritesWork } from '../helpers/auditFaults';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { row, rows } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';

const auditFails = (app: SignedInApp) => auditWritesFail(app.db, 'disk I/O error');
const auditWorks = (app: SignedInApp) => auditWritesWork(app.db);
const state = async (app: SignedInApp) =>
  ((await app.send('session:status', {})) as { value: { state: string } }).value.state;

describe('the session when its audit row cannot be written', () => {
  const tempDir = useTempDirs();

  it('sign-out still closes the session', async () => {
    const app = await openSignedInApp(tempDir);
    await auditFails(app);
    expect(await app.send('session:signOut', {})).toMatchObject({ ok: true, value: { state: 'signed_out' } });
    expect(await app.send('patients:search', { query: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    await auditWorks(app);
    expect(await state(app)).toBe('signed_out');
  });

  it('sign-in opens no session without its audit row, and says it failed', async () => {
    const app = await openSignedInApp(tempDir);
    await app.send('session:signOut', {});
    const entries = async () => (await row<{ n: number }>(app.db, 'SELECT count(*) AS n FROM audit_log'))!.n;
    const before = await entries();
    await auditFails(app);
    const signIn = await app.send('session:signIn', {
      username: TEST_ADMIN.username,
      password: TEST_ADMIN.password,
    });
    expect(signIn.ok).toBe(false);
    expect(await state(app)).toBe('signed_out');
    expect(await app.send('patients:search', { query: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'locked' },
    });
    await auditWorks(app);
    expect(await entries()).toBe(before);
    // With the trail writable again, the same sign-in works and is recorded.
    expect(
      await app.send('session:signIn', { username: TEST_ADMIN.username, password: TEST_ADMIN.password }),
    ).toMatchObject({ ok: true, value: { state: 'open' } });
    expect(await row(app.db, 'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')).toEqual({
      action: 'sign_in',
    });
  });

  it('unlock leaves the session locked without its audit row', async () => {
    const app = await openSignedInApp(tempDir);
    await app.send('session:lock', {});
    await auditFails(app);
    expect((await app.send('session:unlock', { password: TEST_ADMIN.password })).ok).toBe(false);
    expect(await state(app)).toBe('locked');
    await auditWorks(app);
  });
});

describe('what the trail keeps of sign-in, and rights taken away while signed in', () => {
  const tempDir = useTempDirs();

  it('a failed sign-in records the user name only when it names an account (never a password typed there)', async () => {
    const app = await openSignedInApp(tempDir);
    await app.send('session:signOut', {});
    await app.send('session:signIn', { username: 'Summer2026.Secret', password: 'x'.repeat(12) });
    await app.send('session:signIn', {
      username: TEST_ADMIN.username.toUpperCase(),
      password: 'wrong password here',
    });
    const failed = await rows(
      app.db,
      "SELECT user_name AS name FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id",
    );
    expect(failed).toEqual([{ name: 'unknown user name' }, { name: TEST_ADMIN.username }]);
    expect(JSON.stringify(await rows(app.db, 'SELECT * FROM audit_log'))).not.toContain('Summer2026');
  });

  it('an administrator who removes their own administrator role loses it at once', async () => {
    const app = await openSignedInApp(tempDir);
    const other = await app.send('users:save', {
      id: null,
      username: 'second',
      displayName: 'Second Admin',
      role: 'admin',
      active: true,
      password: 'another passphrase',
    });
    expect(other.ok).toBe(true);
    const me = (
      (await app.send('users:list', {})) as { value: Array<{ id: number; username: string }> }
    ).value.find((u) => u.username === TEST_ADMIN.username)!;
    expect(
      await app.send('users:save', {
        id: me.id,
        username: TEST_ADMIN.username,
        displayName: 'Test User',
        role: 'front_desk',
        active: true,
        password: null,
      }),
    ).toMatchObject({ ok: true });
    expect(await app.send('users:list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await app.send('session:status', {})).toMatchObject({
      ok: true,
      value: { user: { role: 'front_desk' } },
    });
  });

  it('an account turned off while signed in is signed out at its next action', async () => {
    const app = await openSignedInApp(tempDir);
    await app.send('users:save', {
      id: null,
      username: 'second',
      displayName: 'Second Admin',
      role: 'admin',
      active: true,
      password: 'another passphrase',
    });
    const me = (
      (await app.send('users:list', {})) as { value: Array<{ id: number; username: string }> }
    ).value.find((u) => u.username === TEST_ADMIN.username)!;
    expect(
      await app.send('users:save', {
        id: me.id,
        username: TEST_ADMIN.username,
        displayName: 'Test User',
        role: 'admin',
        active: false,
        password: null,
      }),
    ).toMatchObject({ ok: true });
    expect(await app.send('patients:search', { query: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'locked', message: 'This account is turned off. Ask an administrator.' },
    });
    expect(await state(app)).toBe('signed_out');
  });
});
