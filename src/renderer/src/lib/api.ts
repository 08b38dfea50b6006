// Typed client over window.api: returns the value, or throws an ApiError carrying main's error code.
import { methodName, type Channel } from '../../../shared/ipc/channels';
import type { Input, Output } from '../../../shared/ipc/contract';
import type { OfficeChange } from '../../../shared/ipc/officeChanges';
import type { ErrorCode, IpcError, IpcResult } from '../../../shared/ipc/result';
import { useErrorStore } from '../stores/errorStore';
import { signalLocked } from './lockSignal';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.field = error.field;
  }
}

/**
 * `banner: false` for work the person did not ask for (fetching ahead of time): a failure there
 * changes nothing they see, so it is not announced; the caller falls back.
 */
export async function call<C extends Channel>(
  channel: C,
  input: Input<C>,
  options: { banner?: boolean } = {},
): Promise<Output<C>> {
  const fn = window.api[methodName(channel)] as unknown as (input: Input<C>) => Promise<IpcResult<Output<C>>>;
  let result: IpcResult<Output<C>>;
  try {
    result = await fn(input);
  } catch {
    result = {
      ok: false,
      error: { code: 'internal', message: 'VerifyDesk could not reach its data service. Restart the app.' },
    };
  }
  if (result.ok) {
    // The office database answered again: its outage notice no longer holds.
    if (useErrorStore.getState().error?.code === 'unavailable') useErrorStore.getState().dismiss();
    return result.value;
  }
  // Locked (idle, or locked elsewhere): the lock screen takes over; no banner.
  if (result.error.code === 'locked') {
    signalLocked();
    throw new ApiError(result.error);
  }
  // Errors about a field (validation, or a conflict such as a duplicate name) belong beside that field;
  // everything else is worth a banner.
  const besideField =
    result.error.code === 'validation' || (result.error.code === 'conflict' && result.error.field);
  if (!besideField && options.banner !== false) useErrorStore.getState().report(result.error);
  throw new ApiError(result.error);
}

/**
 * Calls `listener` for each change another desk made to the office's lists (main's push; none on a
 * computer with its own file); the returned function stops it.
 */
export function onOfficeChange(listener: (change: OfficeChange) => void): () => void {
  return window.api.onOfficeChange(listener);
}
