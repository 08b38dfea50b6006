// While the data waits for the recovery code on a new computer, the window reaches main through the
// same dispatch path, but only the session status and the code itself answer: every other channel is
// locked before validation or any handler, and a call from anywhere but the app window is refused.
import { describe, expect, it, vi } from 'vitest';
import { createRecoveryDispatch, RECOVERY_STATUS } from '../../src/main/ipc/recoveryDispatch';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import type { SessionStatus } from '../../src/shared/auth/authViews';
import { CHANNELS } from '../../src/shared/ipc/channels';
import { AppError } from '../../src/shared/ipc/result';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';

const OPENED: SessionStatus = { state: 'signed_out', user: null, lockAfterMinutes: 10 };

function setup() {
  const recover = vi.fn(async (code: string): Promise<SessionStatus> => {
    if (code !== 'RIGHT-CODE') throw new AppError('validation', 'The recovery code is mistyped.', 'code');
    return OPENED;
  });
  const reported: string[] = [];
  const dispatch = createRecoveryDispatch({
    isTrustedSender: (s) => isTrustedSender(s, undefined),
    checkOutputs: true,
    reportError: (channel) => reported.push(channel),
    recover,
  });
  return { dispatch, recover, reported };
}

describe('the recovery-code dispatcher', () => {
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
      value: RECOVERY_STATUS,
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
