// Before the database opens (waiting for the recovery code on a new computer, or damaged at start), the
// window reaches main through the same dispatch path, but only the session status and that situation's
// own channels answer: every other channel is locked before validation or any handler, and a call from
// anywhere but the app window is refused.
import { describe, expect, it, vi } from 'vitest';
import { createStartupDispatch, startupStatus } from '../../src/main/ipc/startupDispatch';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import type { SessionStatus } from '../../src/shared/auth/authViews';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { AppError } from '../../src/shared/ipc/result';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';

const OPENED: SessionStatus = {
  state: 'signed_out',
  user: null,
  lockAfterMinutes: 10,
  callOnHold: null,
};

function setup() {
  const recover = vi.fn(async (code: string): Promise<SessionStatus> => {
    if (code !== 'RIGHT-CODE') throw new AppError('validation', 'The recovery code is mistyped.', 'code');
    return OPENED;
  });
  const reported: string[] = [];
  const dispatch = createStartupDispatch({
    situation: 'recovery',
    handlers: { 'session:recover': ({ code }) => recover(code) },
    isTrustedSender: (s) => isTrustedSender(s, undefined),
    checkOutputs: true,
    reportError: (channel) => reported.push(channel),
  });
  return { dispatch, recover, reported };
}

describe('the startup dispatcher, waiting for the recovery code', () => {
  it('locks every channel but the status and the code, whatever the input', async () => {
    const { dispatch, recover, reported } = setup();
    const others = CHANNELS.filter((c) => c !== 'session:status' && c !== 'session:recover');
    expect(others.length).toBe(CHANNELS.length - 2);
    for (const channel of others) {
      for (const input of [{}, { id: 1 }, null, 'x']) {
        expect(await dispatch(MAIN_WINDOW_SENDER, channel, input), channel).toEqual({
          ok: false,
          error: { code: 'locked', message: 'VerifyDesk is waiting for the practice’s recovery code.' },
        });
      }
    }
    expect(recover).not.toHaveBeenCalled();
    expect(reported).toEqual([]);
  });

  it('reports the recovery state, checks the code’s input, and passes the code on', async () => {
    const { dispatch, recover } = setup();
    expect(await dispatch(MAIN_WINDOW_SENDER, 'session:status', {})).toEqual({
      ok: true,
      value: startupStatus('recovery'),
    });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'session:recover', { code: '' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'code', message: 'Type the recovery code.' },
    });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'session:recover', { code: 'x'.repeat(101) })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'code' },
    });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'session:recover', { code: 'WRONG' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'code', message: 'The recovery code is mistyped.' },
    });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'session:recover', { code: '  RIGHT-CODE ' })).toEqual({
      ok: true,
      value: OPENED,
    });
    expect(recover.mock.calls.map(([code]) => code)).toEqual(['WRONG', 'RIGHT-CODE']);
  });

  it('refuses the code from anything but the app window', async () => {
    const { dispatch, recover } = setup();
    const evil = { frameUrl: 'https://evil.example/', isAppWindowTopFrame: false };
    expect(await dispatch(evil, 'session:recover', { code: 'RIGHT-CODE' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(recover).not.toHaveBeenCalled();
  });
});

describe('the startup dispatcher, database damaged', () => {
  it('answers its status and its own channels; the recovery code and everything else are locked', async () => {
    const damage = vi.fn(() => ({ problem: 'The database is damaged.', offer: null }));
    const dispatch = createStartupDispatch({
      situation: 'damaged',
      handlers: {
        'startup:damage': damage,
        'startup:chooseBackup': async () => ({ offer: null }),
        'startup:restore': () => ({ restarting: true as const }),
      },
      isTrustedSender: (s) => isTrustedSender(s, undefined),
      checkOutputs: true,
      reportError: () => undefined,
    });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'session:status', {})).toEqual({
      ok: true,
      value: startupStatus('damaged'),
    });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'startup:damage', {})).toEqual({
      ok: true,
      value: { problem: 'The database is damaged.', offer: null },
    });
    for (const channel of ['session:recover', 'patients:search', 'backups:list'])
      expect(await dispatch(MAIN_WINDOW_SENDER, channel, {}), channel).toEqual({
        ok: false,
        error: {
          code: 'locked',
          message: 'The database is damaged: nothing opens until a backup is restored.',
        },
      });
    expect(await dispatch(MAIN_WINDOW_SENDER, 'startup:restore', { file: '' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(damage).toHaveBeenCalledTimes(1);
  });
});
