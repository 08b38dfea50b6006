import type { AppInfo } from '../../../shared/ipc/contract';
import type { HandlerMap } from '../dispatch';

export function appHandlers(info: () => AppInfo): Pick<HandlerMap, 'app:info'> {
  return { 'app:info': () => info() };
}
