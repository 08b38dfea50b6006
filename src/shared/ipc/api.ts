// The shape of window.api, derived from the contract so preload, harness and renderer agree.
import type { Channel, MethodName } from './channels';
import type { Input, Output } from './contract';
import type { IpcResult } from './result';

export type Api = {
  [C in Channel as MethodName<C>]: (input: Input<C>) => Promise<IpcResult<Output<C>>>;
};
