// The dispatcher while the database waits for the practice's recovery code (a new computer, or a lost
// profile): the same path as every call (sender check, validation, error mapping), but the only things
// that answer are the session status, which says "recovery", and the recovery code itself. Everything
// else is locked: there is no database open to reach.
import type { SessionStatus } from '../../shared/auth/authViews';
import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { AppError } from '../../shared/ipc/result';
import type { SenderInfo } from '../security/trustedSender';
import { createDispatch, type Dispatch, type HandlerMap } from './dispatch';

const ANSWERS: readonly Channel[] = ['session:status', 'session:recover'];

export const RECOVERY_STATUS: SessionStatus = { state: 'recovery', user: null, lockAfterMinutes: 10 };

const waiting = () => new AppError('locked', 'VerifyDesk is waiting for the practice’s recovery code.');

export function createRecoveryDispatch(options: {
  isTrustedSender: (sender: SenderInfo) => boolean;
  checkOutputs: boolean;
  reportError: (channel: string, error: unknown) => void;
  /** Tries the code; on success opens the data and returns the status of the app that now runs. */
  recover: (code: string) => Promise<SessionStatus>;
}): Dispatch {
  const refuse = () => {
    throw waiting();
  };
  const handlers: HandlerMap = {
    // Every channel refuses (a record built at run time from the channel list), but these two.
    ...(Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as HandlerMap),
    'session:status': () => RECOVERY_STATUS,
    'session:recover': ({ code }) => options.recover(code),
  };
  return createDispatch({
    handlers,
    guard: {
      authorize(channel) {
        if (!ANSWERS.includes(channel)) throw waiting();
      },
      run: (_channel, _input, handler) => handler(),
    },
    isTrustedSender: options.isTrustedSender,
    checkOutputs: options.checkOutputs,
    reportError: options.reportError,
  });
}
