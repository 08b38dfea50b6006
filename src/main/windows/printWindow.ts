// Printouts in Electron: a hidden window, hardened like every window, loads the print route of the
// renderer; once the page says it is ready it is printed or turned into a PDF, and the window closes.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from '../security/appUrl';
import type { PrintPort } from '../services/ports';
import { secureWebPreferences } from '../security/webPreferences';

const READY_TIMEOUT_MS = 15_000;

export function electronPrintPort(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: { preloadPath: string; isPackaged: boolean },
  track: { add(window: BrowserWindow): void; remove(window: BrowserWindow): void },
): PrintPort {
  async function withPage<T>(route: string, use: (window: BrowserWindow) => Promise<T>): Promise<T> {
    const window = new BrowserWindowClass({
      show: false,
      width: 816,
      height: 1056,
      webPreferences: secureWebPreferences(options),
    });
    track.add(window);
    try {
      await window.loadURL(`${APP_ENTRY_URL}#/${route}`);
      const started = performance.now();
      // The print view marks <body data-print-ready="true"> once its data is on the page.
      while (!(await window.webContents.executeJavaScript('document.body.dataset.printReady === "true"'))) {
        if (performance.now() - started > READY_TIMEOUT_MS)
          throw new Error('The printout did not finish loading.');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return await use(window);
    } finally {
      track.remove(window);
      window.destroy();
    }
  }
  return {
    toPdf: (route) =>
      withPage(
        route,
        async (window) =>
          new Uint8Array(await window.webContents.printToPDF({ pageSize: 'Letter', printBackground: true })),
      ),
    print: (route) =>
      withPage(
        route,
        (window) =>
          new Promise<void>((resolve, reject) =>
            window.webContents.print({ printBackground: true }, (success, reason) =>
              success || reason === 'cancelled' ? resolve() : reject(new Error(`Printing failed: ${reason}`)),
            ),
          ),
      ),
  };
}
