// The dispatchers main uses before the database is open: while the data waits for the practice's
// recovery code (a new computer, a lost profile), and when the database is damaged at start. The same
// path as every call (sender check, validation, error mapping), but only the session status (which
// names the situation) and that situation's own channels answer; everything else is locked before
// validation, since there is no database to reach.
import type { SessionStatus } from '../../shared/auth/authViews';
import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { AppError } from '../../shared/ipc/result';
import type { SenderInfo } from '../security/trustedSender';
import { createDispatch, type Dispatch, type HandlerMap } from './dispatch';

export type StartupSituation = 'recovery' | 'damaged';

const LOCKED: Record<StartupSituation, string> = {
  recovery: 'VerifyDesk is waiting for the practice’s recovery code.',
  damaged: 'The database is damaged: nothing opens until a backup is restored.',
};

export const startupStatus = (situation: StartupSituation): SessionStatus => ({
  state: situation,
  user: null,
  lockAfterMinutes: 10,
  callOnHold: null,
});

export function createStartupDispatch<C extends Channel>(options: {
  situation: StartupSituation;
  /** The channels that answer in this situation, besides session:status. */
  handlers: Pick<HandlerMap, C>;
  isTrustedSender: (sender: SenderInfo) => boolean;
  checkOutputs: boolean;
  reportError: (channel: string, error: unknown) => void;
}): Dispatch {
  const locked = () => new AppError('locked', LOCKED[options.situation]);
  const refuse = () => {
    throw locked();
  };
  const answers = new Set<Channel>(['session:status', ...(Object.keys(options.handlers) as Channel[])]);
  const handlers: HandlerMap = {
    // Every channel refuses (a record built at run time from the channel list), but these.
    ...(Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as HandlerMap),
    ...options.handlers,
    'session:status': () => startupStatus(options.situation),
  };
  return createDispatch({
    handlers,
    guard: {
      async authorize(channel) {
        if (!answers.has(channel)) throw locked();
      },
      run: async (_channel, _input, handler) => handler(),
    },
    isTrustedSender: options.isTrustedSender,
    checkOutputs: options.checkOutputs,
    reportError: options.reportError,
  });
}
