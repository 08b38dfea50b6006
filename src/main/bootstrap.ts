// Wires the app together: single instance, security policy, database, IPC and the window.
import type * as Electron from 'electron';
import { hostname } from 'node:os';
import path from 'node:path';
import { OFFICE_CHANGE_EVENT } from '../shared/ipc/officeChanges';
import { AppError } from '../shared/ipc/result';
import { fileHeadAnchor } from './audit/auditAnchor';
import type { AppDb } from './db/appDb';
import { DatabaseOpenError } from './db/connection';
import { openAppDatabase } from './db/openAppDatabase';
import { resolveDataPaths } from './db/paths';
import { OFFICE_CONNECTION_FILE, officeConnectionFile } from './db/pg/officeConnectionFile';
import { openChosenOfficeDatabase, OfficeDatabaseUnavailable } from './db/pg/openChosenOfficeDatabase';
import { createDispatch, type Dispatch } from './ipc/dispatch';
import { damagedStartHandlers, recoveryCodeHandlers } from './ipc/handlers/startupHandlers';
import { createStartupDispatch, startupStatus } from './ipc/startupDispatch';
import { registerHandlers } from './ipc/registerHandlers';
import { pushOfficeChanges } from './ipc/officeChangePush';
import { APP_ENTRY_URL, APP_SCHEME } from './security/appUrl';
import { appProtocolResponse } from './security/appProtocol';
import { openExternalSafe } from './security/externalLinks';
import { installNavigationGuards } from './security/navigationGuards';
import { settleDbKey, type SettledKey } from './security/startupKey';
import { createKeyRing } from './security/keyRing';
import { safeStorageProtector } from './security/safeStorageProtector';
import { applySessionPolicy } from './security/sessionPolicy';
import { isTrustedSender, type SenderInfo } from './security/trustedSender';
import { createAppServices, type AppServices } from './services/container';
import { loadSampleDataOnce } from './services/sampleData';
import { createMainWindow } from './windows/mainWindow';
import { electronPrintPort } from './windows/printWindow';
import { dialogFilePort } from './windows/saveDialog';
import { systemNow } from './systemClock';

type ElectronModule = Pick<
  typeof Electron,
  | 'app'
  | 'BrowserWindow'
  | 'clipboard'
  | 'dialog'
  | 'ipcMain'
  | 'powerMonitor'
  | 'protocol'
  | 'safeStorage'
  | 'session'
  | 'shell'
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
  const {
    app,
    BrowserWindow,
    clipboard,
    dialog,
    ipcMain,
    powerMonitor,
    protocol,
    safeStorage,
    session,
    shell,
  } = options.electron;
  const openDatabase = options.openDatabase ?? openAppDatabase;

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const devServerUrl = !app.isPackaged ? options.env.ELECTRON_RENDERER_URL : undefined;
  let mainWindow: Electron.BrowserWindow | null = null;
  // Hidden windows rendering printouts: app windows too, so their page may call main.
  const printWindows = new Set<Electron.BrowserWindow>();
  let db: AppDb | null = null;
  /** This computer's own file, open beside the office database for its code catalog. */
  let ownData: AppDb | null = null;

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
  app.on('will-quit', () => {
    void db?.close();
    if (ownData !== db) void ownData?.close();
  });

  void app.whenReady().then(async () => {
    applySessionPolicy(session.defaultSession, devServerUrl);
    const rendererRoot = path.join(options.outDir, 'renderer');
    protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererRoot, request.url));

    // VERIFYDESK_DB_PATH moves the database for development and tests only: an installed app keeps it
    // in the profile, where its key and the audit trail's record are.
    const paths = resolveDataPaths(app.getPath('userData'), app.isPackaged ? {} : options.env);
    // In the profile, never with the database's backups or exports: the key file, and the audit
    // trail's last entry (someone with a copy of the database and its key cannot also rewrite these).
    const keyFilePath = path.join(app.getPath('userData'), 'verifydesk-key.json');
    const auditHead = fileHeadAnchor(path.join(app.getPath('userData'), 'verifydesk-audit-head.json'));
    const now = systemNow;
    const protector = safeStorageProtector(safeStorage, process.platform);
    // Which office database this computer opens (none: its own data), in the profile beside the key file.
    const officeChoice = officeConnectionFile(
      path.join(app.getPath('userData'), OFFICE_CONNECTION_FILE),
      protector,
    );
    const trusted = (sender: SenderInfo) => isTrustedSender(sender, devServerUrl);
    // Channel and error type only: messages may quote data, and logs must never hold patient details.
    const reportError = (channel: string, error: unknown) =>
      console.error(`VerifyDesk: ${channel} failed (${error instanceof Error ? error.name : typeof error})`);
    // Every call goes through whichever dispatcher is active: the recovery-code one until the data
    // opens on a new computer, then the app's.
    let active: Dispatch | null = null;
    registerHandlers(
      ipcMain,
      (sender, channel, input) =>
        active
          ? active(sender, channel, input)
          : Promise.resolve({ ok: false, error: { code: 'locked', message: 'VerifyDesk is starting.' } }),
      () => [mainWindow, ...printWindows].flatMap((w) => (w && !w.isDestroyed() ? [w.webContents] : [])),
    );
    const openWindow = () => {
      mainWindow = createMainWindow(BrowserWindow, {
        preloadPath: path.join(options.outDir, 'preload', 'index.js'),
        isPackaged: app.isPackaged,
        url: devServerUrl ?? APP_ENTRY_URL,
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
        // The hidden print window is kept between printouts; it must not keep the app running.
        for (const window of printWindows) if (!window.isDestroyed()) window.destroy();
      });
    };

    const restart = () => {
      app.relaunch();
      app.quit();
    };
    const files = dialogFilePort(dialog, () => mainWindow);

    /**
     * The office database this computer uses, opened; while it cannot be, the person may try again (the
     * server restarting, the network back) or quit (null). Never this computer's own data instead: work
     * entered there would be missing from the office's record.
     */
    const openOffice = async (open: () => Promise<AppDb>): Promise<AppDb | null> => {
      for (;;) {
        try {
          return await open();
        } catch (error) {
          if (!(error instanceof OfficeDatabaseUnavailable)) throw error;
          const { response } = await dialog.showMessageBox({
            type: 'warning',
            title: 'VerifyDesk cannot open the office database',
            message: 'VerifyDesk cannot open the office database.',
            detail: `${error.message}\n\nNothing on this computer was changed. Try again when the server is back, or ask the practice's IT person.`,
            buttons: ['Try again', 'Quit'],
            defaultId: 0,
            cancelId: 1,
            noLink: true,
          });
          if (response !== 0) {
            app.quit();
            return null;
          }
        }
      }
    };

    /**
     * Opens the database with the settled key and makes the app's dispatcher the active one. A damaged
     * database makes the damaged-database screen's dispatcher active instead ('damaged'); any other
     * failure is shown and VerifyDesk quits (null).
     */
    const startApp = async (obtained: SettledKey): Promise<AppServices | 'damaged' | null> => {
      const keys = createKeyRing({
        keyFilePath,
        protector,
        key: obtained.key,
        history: obtained.history,
        audit: obtained.audit,
        now,
      });
      let catalog;
      try {
        const opened = await openDatabase(
          paths,
          now,
          keys.all(),
          { key: keys.audit(), anchor: auditHead },
          { emergency: obtained.emergency },
        );
        db = ownData = opened.db;
        catalog = opened.sqlite;
        // The recovery code was just typed in: the practice has it. (Its use is in the audit trail.)
        if (obtained.emergency) keys.markRecoveryStored();
        const office = await officeChoice.read();
        if (office) {
          const opened = await openOffice(() => openChosenOfficeDatabase(office, now, hostname()));
          if (!opened) return null;
          db = opened;
        }
        await loadSampleDataOnce(db, now);
      } catch (error) {
        if (error instanceof DatabaseOpenError && error.reason === 'damaged') {
          // Nothing is repaired or written: the window shows what is wrong and offers a backup.
          active = createStartupDispatch({
            situation: 'damaged',
            handlers: damagedStartHandlers({
              paths,
              keys: keys.all(),
              auditKey: keys.audit(),
              now,
              problem: error.message,
              files,
              restart,
            }),
            isTrustedSender: trusted,
            checkOutputs: !app.isPackaged,
            reportError,
          });
          return 'damaged';
        }
        dialog.showErrorBox(
          'VerifyDesk cannot open its database',
          error instanceof DatabaseOpenError
            ? error.message
            : error instanceof Error
              ? error.message
              : String(error),
        );
        app.quit();
        return null;
      }
      const services = await createAppServices({
        db,
        catalog,
        paths,
        keys,
        officeConnection: officeChoice,
        // A scheduled restore runs at the next start, before the database opens.
        restart,
        appVersion: app.getVersion(),
        now,
        workstation: hostname(),
        clipboard,
        files,
        links: { open: (url, sites) => openExternalSafe(shell, url, sites) },
        printer: electronPrintPort(
          BrowserWindow,
          { preloadPath: path.join(options.outDir, 'preload', 'index.js'), isPackaged: app.isPackaged },
          { add: (w) => printWindows.add(w), remove: (w) => printWindows.delete(w) },
        ),
      });
      active = createDispatch({
        handlers: services.handlers,
        guard: services.guard,
        isTrustedSender: trusted,
        checkOutputs: !app.isPackaged,
        reportError,
      });
      // Another desk changed a list this window may show: the window reads it again (office database
      // only; on this computer's own file there is no other desk).
      pushOfficeChanges(db.changes, (change) => {
        if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(OFFICE_CHANGE_EVENT, change);
      });
      // The desk walks away or the PC sleeps: lock at once, not only after the idle minutes.
      powerMonitor.on('lock-screen', () => void services.session.lock('idle'));
      powerMonitor.on('suspend', () => void services.session.lock('idle'));
      // The daily backup: a minute after the app opens (never in the way of start-up), then checked
      // every hour. A failure is reported, never fatal.
      const dailyBackup = () =>
        services.backups
          .dailyIfDue()
          .catch((error: unknown) =>
            console.error(
              `VerifyDesk: daily backup failed (${error instanceof Error ? error.name : typeof error})`,
            ),
          );
      // (An office database is backed up on its server, by the practice's IT person.)
      if (db.sqlite) {
        setTimeout(dailyBackup, 60_000).unref();
        setInterval(dailyBackup, 60 * 60_000).unref();
      }
      return services;
    };

    const settle = (recoveryCode: string | undefined) =>
      settleDbKey({ dbPath: paths.dbPath, keyFilePath, protector, recoveryCode });
    const obtained = await settle(undefined);
    if ('needsRecoveryCode' in obtained) {
      // A new computer (or a lost profile): the window asks for the practice's recovery code.
      active = createStartupDispatch({
        situation: 'recovery',
        handlers: recoveryCodeHandlers({
          settle,
          open: async (tried) => {
            const started = await startApp(tried);
            if (started === 'damaged') return startupStatus('damaged');
            if (!started) throw new AppError('internal', 'The data did not open. VerifyDesk is closing.');
            return started.session.status();
          },
        }),
        isTrustedSender: trusted,
        checkOutputs: !app.isPackaged,
        reportError,
      });
    } else if ('problem' in obtained) {
      dialog.showErrorBox('VerifyDesk cannot open its database', obtained.problem);
      app.quit();
      return;
    } else if (!(await startApp(obtained))) return;
    openWindow();
  });
}
