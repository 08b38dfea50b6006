// Printouts in Electron: one hidden window, hardened like every window, kept for the next printout and
// driven through the print queue (printQueue.ts): each job moves it to the print route's hash, and once
// the page says the job is ready it is printed or turned into a PDF. Bootstrap destroys it when the main
// window closes (a hidden window must not keep the app running); the next printout opens a new one.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from '../security/appUrl';
import type { PrintPort } from '../services/ports';
import { secureWebPreferences } from '../security/webPreferences';
import { createPrintQueue, type PrintSurface } from './printQueue';

/** What the print page's body says about the job on it. */
const READ_STATE = `(() => { const d = document.body.dataset;
  return { ready: d.printReady ?? null, failed: d.printFailed ?? null, problem: d.printProblem ?? null }; })()`;

type WindowSurface = PrintSurface & { window: BrowserWindow };

export function electronPrintPort(
  BrowserWindowClass: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  options: { preloadPath: string; isPackaged: boolean },
  track: { add(window: BrowserWindow): void; remove(window: BrowserWindow): void },
): PrintPort {
  const queue = createPrintQueue<WindowSurface>({
    async open(hash) {
      const window = new BrowserWindowClass({
        show: false,
        width: 816,
        height: 1056,
        webPreferences: secureWebPreferences(options),
      });
      track.add(window);
      window.on('closed', () => track.remove(window));
      await window.loadURL(`${APP_ENTRY_URL}${hash}`);
      return {
        window,
        show: async (next) => {
          await window.webContents.executeJavaScript(`location.hash = ${JSON.stringify(next)}`);
        },
        state: () => window.webContents.executeJavaScript(READ_STATE),
        alive: () => !window.isDestroyed() && !window.webContents.isCrashed(),
        close: () => {
          if (!window.isDestroyed()) window.destroy();
        },
      };
    },
  });

  return {
    toPdf: (route) =>
      queue.run(
        route,
        async ({ window }) =>
          new Uint8Array(await window.webContents.printToPDF({ pageSize: 'Letter', printBackground: true })),
      ),
    print: (route) =>
      queue.run(
        route,
        ({ window }) =>
          new Promise<void>((resolve, reject) =>
            window.webContents.print({ printBackground: true }, (success, reason) =>
              success || reason === 'cancelled' ? resolve() : reject(new Error(`Printing failed: ${reason}`)),
            ),
          ),
      ),
  };
}
