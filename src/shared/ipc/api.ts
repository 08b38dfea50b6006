// The shape of window.api, derived from the contract so preload, harness and renderer agree.
import type { Channel, MethodName } from './channels';
import type { Input, Output } from './contract';
import type { OfficeChange } from './officeChanges';
import type { IpcResult } from './result';

export type Api = {
  [C in Channel as MethodName<C>]: (input: Input<C>) => Promise<IpcResult<Output<C>>>;
} & {
  /** Main's push (officeChanges.ts): calls `listener` for each change; the returned function stops it. */
  onOfficeChange(listener: (change: OfficeChange) => void): () => void;
};
