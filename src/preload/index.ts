// The bridge: exposes window.api, one named function per contract channel, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, methodName } from '../shared/ipc/channels';

const api = Object.fromEntries(
  CHANNELS.map((channel) => [methodName(channel), (input: unknown) => ipcRenderer.invoke(channel, input)]),
);

contextBridge.exposeInMainWorld('api', Object.freeze(api));
