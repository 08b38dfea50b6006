// The single path every IPC call takes in main: sender check, session and role, input validation, the
// handler with its audit row, error mapping.
// Electron's registerHandlers and the browser test harness both call this; there is no second route.
import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { contract, type Output, type ParsedInput } from '../../shared/ipc/contract';
import { AppError, type IpcResult } from '../../shared/ipc/result';
import type { SenderInfo } from '../security/trustedSender';
import type { Guard } from './guard';

export type HandlerMap = {
  [C in Channel]: (input: ParsedInput<C>) => Output<C> | Promise<Output<C>>;
};

export type Dispatch = (sender: SenderInfo, channel: string, input: unknown) => Promise<IpcResult<unknown>>;

export interface DispatchOptions {
  handlers: HandlerMap;
  isTrustedSender: (sender: SenderInfo) => boolean;
  /** Session / role check before validation, and the audited run of the handler. */
  guard: Guard;
  /** Check handler results against the contract's output schemas (on in development and tests). */
  checkOutputs: boolean;
  /** Where unexpected errors are reported. Gets the channel and the error, never the input. */
  reportError: (channel: string, error: unknown) => void;
}

const INTERNAL_MESSAGE =
  'VerifyDesk could not finish this action because of an unexpected problem. Try again; if it keeps happening, note the time and tell your administrator.';

const READ_ONLY_MESSAGE =
  'VerifyDesk cannot write to its data folder, so nothing from this action was saved. The folder or the database file has become read-only (or the drive is write-protected): ask your administrator to give this Windows user write access, then try again.';

const DISK_FULL_MESSAGE =
  'The disk is full, so nothing from this action was saved. What you entered is still on screen: free some disk space (or ask your administrator), then try again.';

/**
 * Only what JSON can say reaches validation: a Map, Set, Date, typed array or class instance arriving
 * over IPC's structured clone would otherwise pass as an empty object. Bounded depth, no cycles.
 */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 32) return false;
  // undefined is what an optional field left out looks like after structured clone.
  if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value))
    return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => isPlainData(v, depth + 1));
}

function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

export function createDispatch(options: DispatchOptions): Dispatch {
  return async (sender, channel, input) => {
    if (!isChannel(channel)) {
      return { ok: false, error: { code: 'not_found', message: `There is no action called "${channel}".` } };
    }
    if (!options.isTrustedSender(sender)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: 'This request did not come from the VerifyDesk window and was refused.',
        },
      };
    }
    try {
      await options.guard.authorize(channel);
    } catch (error) {
      if (error instanceof AppError)
        return { ok: false, error: { code: error.code, message: error.message } };
      options.reportError(channel, error);
      return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
    }
    if (!isPlainData(input)) {
      return {
        ok: false,
        error: {
          code: 'validation',
          message: 'This request was not valid: it holds something other than plain data.',
        },
      };
    }
    const spec = contract[channel];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
      const detail = issue?.message ?? 'it is not valid.';
      // With a field, the UI shows the message beside it, so the message is the plain sentence alone.
      const message = field ? detail : `This request was not valid: ${detail}`;
      return { ok: false, error: { code: 'validation', message, field } };
    }
    try {
      const handler = options.handlers[channel] as (input: unknown) => unknown;
      const value = await options.guard.run(channel, parsed.data, () => handler(parsed.data));
      if (options.checkOutputs) {
        const checked = spec.output.safeParse(value);
        if (!checked.success)
          throw new Error(`Handler for ${channel} returned a value outside its contract.`);
      }
      return { ok: true, value };
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, error: { code: error.code, message: error.message, field: error.field } };
      }
      // A full disk (SQLite's, or the OS's for a file main writes) or a read-only one: the whole action
      // was rolled back (each action is one transaction). Say so, and what to do.
      const code = (error as { code?: unknown }).code;
      if (code === 'SQLITE_FULL' || code === 'ENOSPC') {
        return { ok: false, error: { code: 'disk_full', message: DISK_FULL_MESSAGE } };
      }
      if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
        return { ok: false, error: { code: 'read_only', message: READ_ONLY_MESSAGE } };
      }
      options.reportError(channel, error);
      return { ok: false, error: { code: 'internal', message: INTERNAL_MESSAGE } };
    }
  };
}
