// Sign-in, the back-off, the automatic lock and roles, against the real session service and database.
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/main/auth/passwords';
import { createSessionService } from '../../src/main/auth/sessionService';
import { createUserService } from '../../src/main/auth/userService';
import { AppError } from '../../src/shared/ipc/result';
import { openTestAppDb } from '../helpers/appDb';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { row, rows, run } from '../helpers/sqlRows';
import { useTempDirs } from '../helpers/tempDir';
import { listAudit } from '../../src/main/audit/auditLog';
import { findCallOnHold } from '../../src/main/db/repositories/callRepo';
import { holdMs } from '../../src/shared/script/holdTime';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { daysFromToday, TEST_NOW } from '../helpers/testClock';

describe('sign-in and the session', () => {
  const tempDir = useTempDirs();
  const setup = async () => {
    let clock = TEST_NOW.getTime();
    const now = () => new Date(clock);
    const { db } = await openTestAppDb(tempDir, now);
    const session = createSessionService({ db, now, lockAfterMinutes: () => 10 });
    const users = createUserService({ db, now, actor: session.current });
    const advance = (ms: number) => {
      clock += ms;
    };
    return { db, session, users, advance };
  };
  const codeOf = async (p: Promise<unknown> | (() => unknown)) => {
    try {
      await (typeof p === 'function' ? p() : p);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).code;
    }
    return 'ok';
  };

  it('a fresh install has no accounts and asks for the administrator first; only once', async () => {
    const { db, session } = await setup();
    expect((await session.status()).state).toBe('setup');
    expect(await codeOf(session.setup({ ...TEST_ADMIN, password: 'short' }))).toBe('validation');
    const status = await session.setup({ ...TEST_ADMIN });
    expect(status).toMatchObject({ state: 'open', user: { displayName: 'Test User', role: 'admin' } });
    expect(await codeOf(session.setup({ ...TEST_ADMIN, username: 'other' }))).toBe('conflict');
    const stored = (await row<{ h: string }>(db, 'SELECT password_hash AS h FROM users'))!;
    expect(stored.h).not.toContain(TEST_ADMIN.password);
    expect(stored.h).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('passwords: salted (equal passwords differ), verified, and weaker hashes upgraded at sign-in', async () => {
    const a = await hashPassword('a long enough passphrase');
    const b = await hashPassword('a long enough passphrase');
    expect(a).not.toBe(b);
    expect(await verifyPassword('a long enough passphrase', a)).toBe(true);
    expect(await verifyPassword('a long enough passphrasE', a)).toBe(false);

    const { db, session } = await setup();
    await session.setup({ ...TEST_ADMIN });
    const weak = await hashPassword(TEST_ADMIN.password, { N: 2 ** 14, r: 8, p: 1 });
    await run(db, 'UPDATE users SET password_hash = ?', weak);
    await session.signOut();
    await session.signIn({ username: 'TESTADMIN', password: TEST_ADMIN.password });
    const upgraded = (await row<{ h: string }>(db, 'SELECT password_hash AS h FROM users'))!.h;
    expect(upgraded).toMatch(/^scrypt\$32768\$/);
  });

  it('a wrong password and an unknown user get the same answer; five failures start a back-off', async () => {
    const { db, session, advance } = await setup();
    await session.setup({ ...TEST_ADMIN });
    await session.signOut();
    const wrong = await session
      .signIn({ username: 'testadmin', password: 'not the password' })
      .catch((e) => e);
    const unknown = await session
      .signIn({ username: 'nobody', password: 'not the password' })
      .catch((e) => e);
    expect((await wrong).message).toBe((await unknown).message);
    for (let i = 0; i < 4; i++)
      await session.signIn({ username: 'testadmin', password: 'still not it' }).catch(() => undefined);
    // Six attempts so far; now even the right password is refused until the back-off ends.
    expect(await codeOf(session.signIn({ username: 'testadmin', password: TEST_ADMIN.password }))).toBe(
      'forbidden',
    );
    advance(5 * 60_000);
    expect((await session.signIn({ username: 'testadmin', password: TEST_ADMIN.password })).state).toBe(
      'open',
    );
    // Every attempt is audited, and no row holds a password.
    const audit = await rows(db, 'SELECT * FROM audit_log');
    const text = JSON.stringify(audit);
    expect(text).not.toContain('not the password');
    expect(text).not.toContain(TEST_ADMIN.password);
    const actions = (audit as Array<{ action: string }>).map((r) => r.action);
    expect(actions.filter((a) => a === 'sign_in_failed')).toHaveLength(6);
    expect(actions).toContain('sign_in_refused');
  });

  it('locks after the idle minutes, enforced in main, and unlocks with the password', async () => {
    const { session, advance } = await setup();
    await session.setup({ ...TEST_ADMIN });
    advance(10 * 60_000 - 1000);
    expect(await codeOf(() => session.authorize('user'))).toBe('ok');
    session.touch();
    advance(10 * 60_000);
    expect(await codeOf(() => session.authorize('user'))).toBe('locked');
    expect(await codeOf(() => session.authorize('open'))).toBe('ok');
    expect((await session.status()).state).toBe('locked');
    expect(session.current()).toBeNull();
    expect(await codeOf(session.unlock({ password: 'wrong password!' }))).toBe('validation');
    expect((await session.unlock({ password: TEST_ADMIN.password })).state).toBe('open');
    expect(await codeOf(() => session.authorize('admin'))).toBe('ok');
  });

  it('a call on hold does not put off the lock: the call, its hold and answers wait; the lock screen is told', async () => {
    let clock = TEST_NOW.getTime();
    const now = () => new Date(clock);
    const { db } = await openTestAppDb(tempDir, now);
    const session = createSessionService({
      db,
      now,
      lockAfterMinutes: () => 10,
      callOnHold: (staffUser) => findCallOnHold(db, staffUser),
    });
    await session.setup({ ...TEST_ADMIN });
    const s = testServices(db, now, { actor: () => TEST_ADMIN.displayName });
    const plan = await s.policies.savePlan(
      null,
      planInput((await s.policies.savePayer(null, payerInput())).id),
    );
    const patient = await s.patients.save(null, patientInput());
    let call = await s.calls.start({
      patientId: patient.id,
      planId: plan.id,
      planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
      dialedNumber: null,
    });
    call = await s.calls.answer(call.id, { type: 'text', value: 'Rep Holdwell' });
    call = await s.calls.toggleHold(call.id);
    const holdSince = call.holds[0]!.startedAt;
    // Unlocked, nobody is told about the hold through the session (the window shows the call itself).
    expect((await session.status()).callOnHold).toBeNull();

    // Ten minutes of hold music and nothing touched: locked, exactly as without a call.
    clock += 10 * 60_000;
    expect(await codeOf(() => session.authorize('user'))).toBe('locked');
    expect(await session.status()).toMatchObject({
      state: 'locked',
      callOnHold: { callId: call.id, holdSince },
    });
    const lock = (
      await listAudit(db, {
        userName: null,
        action: 'lock',
        from: null,
        to: null,
        patientId: null,
        limit: 5,
      })
    )[0]!;
    expect(JSON.parse(lock.detailJson)).toEqual({ reason: 'idle', callOnHold: call.id });

    // Twenty more minutes locked: the call waits where it was, its hold still open and counting.
    clock += 20 * 60_000;
    const waiting = await s.calls.view(call.id);
    expect(waiting).toMatchObject({ status: 'in_progress', onHold: true });
    expect(waiting.current!.stepId).toBe('reference_number');
    expect(waiting.answers.map((a) => a.words)).toEqual(['Rep Holdwell']);
    expect(holdMs(waiting.holds, clock)).toBe(30 * 60_000);

    // The rep is back: unlock, end the hold; the hold counts all thirty minutes.
    await session.unlock({ password: TEST_ADMIN.password });
    expect((await session.status()).callOnHold).toBeNull();
    const back = await s.calls.toggleHold(call.id);
    expect(back.onHold).toBe(false);
    expect(holdMs(back.holds, clock)).toBe(30 * 60_000);

    // An ended hold is not a hold, and someone else's call on hold is not this person's to be told of.
    const other = testServices(db, now, { actor: () => 'Other Person' });
    const theirs = await other.calls.start({
      patientId: patient.id,
      planId: plan.id,
      planned: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(18) }],
      dialedNumber: null,
    });
    await other.calls.toggleHold(theirs.id);
    clock += 10 * 60_000;
    expect(await session.status()).toMatchObject({ state: 'locked', callOnHold: null });
    await db.close();
  });

  it('roles: a front-desk user is refused administrator channels; user names are unique in any case', async () => {
    const { session, users } = await setup();
    await session.setup({ ...TEST_ADMIN });
    const desk = {
      username: 'frontdesk',
      displayName: 'Desk Person',
      role: 'front_desk' as const,
      active: true,
    };
    await users.save({ id: null, ...desk, password: 'a desk passphrase' });
    expect(
      await codeOf(users.save({ id: null, ...desk, username: 'FrontDesk', password: 'another passphrase' })),
    ).toBe('validation');
    // The last administrator cannot be turned into front desk.
    const admin = (await users.list()).find((u) => u.role === 'admin')!;
    expect(await codeOf(users.save({ ...admin, role: 'front_desk', password: null }))).toBe('validation');

    await session.signOut();
    await session.signIn({ username: 'frontdesk', password: 'a desk passphrase' });
    expect(await codeOf(() => session.authorize('user'))).toBe('ok');
    expect(await codeOf(() => session.authorize('admin'))).toBe('forbidden');
    // A turned-off account cannot sign in.
    await session.signOut();
    await session.signIn({ username: 'testadmin', password: TEST_ADMIN.password });
    const deskUser = (await users.list()).find((u) => u.username === 'frontdesk')!;
    await users.save({ ...deskUser, active: false, password: null });
    await session.signOut();
    expect(await codeOf(session.signIn({ username: 'frontdesk', password: 'a desk passphrase' }))).toBe(
      'validation',
    );
  });
});
