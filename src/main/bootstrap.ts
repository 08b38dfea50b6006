// Wires the app together: single instance, security policy, database, IPC and the window.
import type * as Electron from 'electron';
import path from 'node:path';
import { DatabaseOpenError, type Db } from './db/connection';
import { openAppDatabase } from './db/openAppDatabase';
import { resolveDataPaths } from './db/paths';
import { createDispatch } from './ipc/dispatch';
import { registerHandlers } from './ipc/registerHandlers';
import { APP_ENTRY_URL, APP_SCHEME } from './security/appUrl';
import { appProtocolResponse } from './security/appProtocol';
import { installNavigationGuards } from './security/navigationGuards';
import { applySessionPolicy } from './security/sessionPolicy';
import { isTrustedSender } from './security/trustedSender';
import { createAppServices } from './services/container';
import { loadSampleDataOnce } from './services/sampleData';
import { createMainWindow } from './windows/mainWindow';
import { electronPrintPort } from './windows/printWindow';
import { dialogFilePort } from './windows/saveDialog';

type ElectronModule = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'clipboard' | 'dialog' | 'ipcMain' | 'powerMonitor' | 'protocol' | 'session'
>;

export interface BootstrapOptions {
  electron: ElectronModule;
  /** Folder holding out/main, out/preload and out/renderer. */
  outDir: string;
  env: Record<string, string | undefined>;
  /** Injected so tests can check that a second instance never opens the database. */
  openDatabase?: typeof openAppDatabase;
}

export function bootstrap(options: BootstrapOptions): void {
  const { app, BrowserWindow, clipboard, dialog, ipcMain, powerMonitor, protocol, session } =
    options.electron;
  const openDatabase = options.openDatabase ?? openAppDatabase;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devServerUrl = !app.isPackaged ? options.env.ELECTRON_RENDERER_URL : undefined;
  let mainWindow: Electron.BrowserWindow | null = null;
  // Hidden windows rendering printouts: app windows too, so their page may call main.
  const printWindows = new Set<Electron.BrowserWindow>();
  let db: Db | null = null;

  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents, devServerUrl));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => db?.close());

  void app.whenReady().then(() => {
    applySessionPolicy(session.defaultSession, devServerUrl);
    const rendererRoot = path.join(options.outDir, 'renderer');
    protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererRoot, request.url));

    const paths = resolveDataPaths(app.getPath('userData'), options.env);
    const now = () => new Date();
    try {
      db = openDatabase(paths, now).db;
      loadSampleDataOnce(db, now);
    } catch (error) {
      const message = error instanceof DatabaseOpenError ? error.message : String(error);
      dialog.showErrorBox('VerifyDesk cannot open its database', message);
      app.quit();
      return;
    }

    const services = createAppServices({
      db,
      dbPath: paths.dbPath,
      appVersion: app.getVersion(),
      now,
      clipboard,
      files: dialogFilePort(dialog, () => mainWindow),
      printer: electronPrintPort(
        BrowserWindow,
        { preloadPath: path.join(options.outDir, 'preload', 'index.js'), isPackaged: app.isPackaged },
        { add: (w) => printWindows.add(w), remove: (w) => printWindows.delete(w) },
      ),
    });
    const dispatch = createDispatch({
      handlers: services.handlers,
      guard: services.guard,
      isTrustedSender: (sender) => isTrustedSender(sender, devServerUrl),
      checkOutputs: !app.isPackaged,
      // Channel and error type only: messages may quote data, and logs must never hold patient details.
      reportError: (channel, error) =>
        console.error(
          `VerifyDesk: ${channel} failed (${error instanceof Error ? error.name : typeof error})`,
        ),
    });
    // The desk walks away or the PC sleeps: lock at once, not only after the idle minutes.
    powerMonitor.on('lock-screen', () => services.session.lock('idle'));
    powerMonitor.on('suspend', () => services.session.lock('idle'));
    registerHandlers(ipcMain, dispatch, () =>
      [mainWindow, ...printWindows].flatMap((w) => (w && !w.isDestroyed() ? [w.webContents] : [])),
    );

    mainWindow = createMainWindow(BrowserWindow, {
      preloadPath: path.join(options.outDir, 'preload', 'index.js'),
      isPackaged: app.isPackaged,
      url: devServerUrl ?? APP_ENTRY_URL,
    });
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}
