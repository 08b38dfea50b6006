// The one app window. Its webPreferences always come from secureWebPreferences().
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { secureWebPreferences } from '../security/webPreferences';

export function mainWindowOptions(options: {
  preloadPath: string;
  isPackaged: boolean;
}): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    // A fixed title: the window title must never carry a patient's name.
    title: 'VerifyDesk',
    backgroundColor: '#f6f5f1',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options),
  };
}

export function createMainWindow(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: { preloadPath: string; isPackaged: boolean; url: string },
): BrowserWindow {
  const window = new BrowserWindowClass(mainWindowOptions(options));
  // Pages may set document.title; keep the OS-visible title fixed.
  window.on('page-title-updated', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
