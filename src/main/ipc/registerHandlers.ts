// The only place that calls ipcMain.handle: one invoke handler per contract channel, all through dispatch.
import type { IpcMain, WebContents } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels';
import { senderInfoFromEvent } from '../security/trustedSender';
import type { Dispatch } from './dispatch';

export function registerHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: Dispatch,
  getAppWindows: () => readonly WebContents[],
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) =>
      dispatch(senderInfoFromEvent(event, getAppWindows()), channel, input),
    );
  }
}
