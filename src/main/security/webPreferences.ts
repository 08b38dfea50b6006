// Every window's webPreferences come from here, so no window can be opened with weaker settings.
import type { WebPreferences } from 'electron';

export function secureWebPreferences(options: { preloadPath: string; isPackaged: boolean }): WebPreferences {
  return {
    preload: options.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    devTools: !options.isPackaged,
  };
}
