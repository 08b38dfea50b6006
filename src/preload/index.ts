// The bridge: exposes window.api, one named function per contract channel, plus the one subscription to
// what main pushes (another desk changed a list), and nothing else.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, methodName } from '../shared/ipc/channels';
import { OFFICE_CHANGE_EVENT, officeChangeFrom, type OfficeChange } from '../shared/ipc/officeChanges';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [methodName(channel), (input: unknown) => ipcRenderer.invoke(channel, input)]),
);

/**
 * The page gets the known topics only, never the IPC event (its sender could be used to send back), and
 * a function that stops listening.
 */
function onOfficeChange(listener: (change: OfficeChange) => void): () => void {
  const forward = (_event: IpcRendererEvent, value: unknown) => {
    const change = officeChangeFrom(value);
    if (change) listener(change);
  };
  ipcRenderer.on(OFFICE_CHANGE_EVENT, forward);
  return () => void ipcRenderer.removeListener(OFFICE_CHANGE_EVENT, forward);
}

contextBridge.exposeInMainWorld('api', Object.freeze({ ...api, onOfficeChange }));
