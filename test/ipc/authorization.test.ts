// Who may call what, decided in main: every channel against nobody signed in, a locked session, a
// front-desk user and an administrator. Handlers are spies: a refused call never reaches one.
import { describe, expect, it, vi } from 'vitest';
import type { Access, SessionService, SessionUser } from '../../src/main/auth/sessionService';
import { CHANNEL_POLICY } from '../../src/main/ipc/channelPolicy';
import { createDispatch, type HandlerMap } from '../../src/main/ipc/dispatch';
import { createGuard } from '../../src/main/ipc/guard';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { AppError } from '../../src/shared/ipc/result';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';
import { fixedClock } from '../helpers/testClock';

type Who = 'nobody' | 'locked' | 'front_desk' | 'admin';

/** The session's decision, as the real service makes it, without passwords or a database. */
function fakeSession(who: Who): SessionService {
  const user: SessionUser | null =
    who === 'front_desk' || who === 'admin' ? { id: 1, displayName: 'Desk', role: who } : null;
  return {
    authorize(access: Access) {
      if (access === 'open') return;
      if (!user) throw new AppError('locked', 'locked');
      if (access === 'admin' && user.role !== 'admin') throw new AppError('forbidden', 'admins only');
    },
    touch: vi.fn(),
    current: () => user,
  } as unknown as SessionService;
}

function dispatchAs(who: Who) {
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [c, vi.fn(() => undefined)]),
  ) as unknown as HandlerMap;
  // No audit writes here: the database side of the guard has its own tests.
  const db = { transaction: (fn: () => unknown) => fn } as never;
  const dispatch = createDispatch({
    handlers,
    guard: createGuard({ db, now: fixedClock(), session: fakeSession(who) }),
    isTrustedSender: (s) => isTrustedSender(s, undefined),
    checkOutputs: false,
    reportError: () => undefined,
  });
  return { dispatch, handlers };
}

describe('authorization in main', () => {
  it('the access table is a decision for every channel; administrators alone manage users, audit, imports and settings', () => {
    const admin = CHANNELS.filter((c) => CHANNEL_POLICY[c].access === 'admin');
    const open = CHANNELS.filter((c) => CHANNEL_POLICY[c].access === 'open');
    expect(admin).toEqual([
      'settings:update',
      'catalog:importPreview',
      'catalog:importApply',
      'sample:remove',
      'packs:export',
      'packs:importPreview',
      'packs:importApply',
      'fees:importPreview',
      'fees:importApply',
      'users:list',
      'users:save',
      'audit:list',
      'audit:verify',
      'audit:export',
      'security:recoveryCode',
      'security:recoveryCodeStored',
      'security:changeKey',
      'security:emergencyAccess',
      'security:acknowledgeEmergencyAccess',
      'backups:list',
      'backups:create',
      'backups:chooseFolder',
      'backups:preview',
      'backups:restore',
      'officedb:check',
      'officedb:create',
      'officedb:use',
      'officedb:status',
      'officedb:key',
      'officedb:leave',
      'officedb:restart',
      'officedb:move',
      'officedb:merge',
    ]);
    expect(open).toEqual([
      'session:status',
      'session:setup',
      'session:recover',
      'startup:damage',
      'startup:chooseBackup',
      'startup:restore',
      'session:signIn',
      'session:unlock',
      'session:lock',
    ]);
  });

  it.each(['nobody', 'locked', 'front_desk', 'admin'] as const)(
    'as %s: refused calls never reach a handler',
    async (who) => {
      const { dispatch, handlers } = dispatchAs(who);
      for (const channel of CHANNELS) {
        const { access } = CHANNEL_POLICY[channel];
        // Deliberately invalid input: the session check comes before validation, so a locked window
        // learns nothing about a channel's input shape.
        const result = await dispatch(MAIN_WINDOW_SENDER, channel, { notAField: true });
        const expected =
          access === 'open'
            ? 'validation'
            : who === 'nobody' || who === 'locked'
              ? 'locked'
              : access === 'admin' && who === 'front_desk'
                ? 'forbidden'
                : 'validation';
        expect(result.ok ? 'ok' : result.error.code, `${who} -> ${channel}`).toBe(expected);
        expect(handlers[channel], channel).not.toHaveBeenCalled();
      }
    },
  );
});
