// The browser harness: the real renderer build in Debian's Chromium, with window.api bound to the same
// dispatch Electron uses (sender check, validation, handlers, services) over a real temp SQLite file.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import { DatabaseOpenError } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { openChosenOfficeDatabase } from '../../src/main/db/pg/openChosenOfficeDatabase';
import { unreachableMessage } from '../../src/main/db/pg/pgAppDb';
import type { DataPaths } from '../../src/main/db/paths';
import { fileHeadAnchor } from '../../src/main/audit/auditAnchor';
import { createDispatch, type Dispatch } from '../../src/main/ipc/dispatch';
import { damagedStartHandlers, recoveryCodeHandlers } from '../../src/main/ipc/handlers/startupHandlers';
import { createStartupDispatch } from '../../src/main/ipc/startupDispatch';
import { createKeyRing, type KeyRing } from '../../src/main/security/keyRing';
import { settleDbKey } from '../../src/main/security/startupKey';
import { fakeKeyProtector } from '../helpers/fakeKeyProtector';
import { resolveAppPath, mimeTypeFor } from '../../src/main/security/appProtocol';
import { APP_HOST, APP_SCHEME } from '../../src/main/security/appUrl';
import { PRODUCTION_CSP } from '../../src/main/security/csp';
import { openExternalSafe } from '../../src/main/security/externalLinks';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import { createAppServices } from '../../src/main/services/container';
import { createPrintQueue, type PrintSurface } from '../../src/main/windows/printQueue';
import { patientInput } from '../helpers/policyFixtures';
import { SYNTHETIC_OFFICE } from '../helpers/testOffice';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { testKeyRing } from '../helpers/testKeyRing';
import { testOfficeConnection } from '../helpers/testOfficeConnection';
import { rememberCatalog } from '../helpers/appDb';
import {
  createTestPgDatabase,
  dropTestPgDatabase,
  TEST_ENGINE,
  testOfficeSettings,
} from '../helpers/testEngine';
import { loadSampleDataOnce } from '../../src/main/services/sampleData';
import { CHANNELS, methodName } from '../../src/shared/ipc/channels';
import type { OfficeChange } from '../../src/shared/ipc/officeChanges';
import { TEST_NOW, runningClock } from '../helpers/testClock';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER_ROOT = path.join(ROOT, 'out', 'renderer');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'e2e');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface Harness {
  page: Page;
  origin: string;
  /** Main's data layer (tests look at rows through test/helpers/sqlRows.ts, on either engine). */
  db: AppDb;
  /** This desk's SQLite file: the code catalog. */
  catalog: Db;
  paths: DataPaths;
  /** Every URL the page requested. */
  requests: string[];
  /** Every console message the page printed. */
  consoleMessages: string[];
  /** Errors main reported (channel and error name), as Electron's log would get them. */
  mainErrors: string[];
  /** What the app copied to the clipboard (main's clipboard port, recorded). */
  copied: string[];
  /** Files the app saved (main's file port writes them into the harness's temp folder). */
  saved: string[];
  /** Times the app asked main to restart (a restore is scheduled for the next start). */
  restarts: string[];
  /** Routes sent to the printer (the harness records them instead of printing). */
  printed: string[];
  /** Web pages handed to the browser, after the same checks Electron's opener makes. */
  opened: string[];
  screenshot(name: string): Promise<string>;
  /** Main's clock (the page's started at the same instant). */
  now(): Date;
  /** Moves main's clock forward (the page's own clock is untouched). */
  advanceClock(ms: number): void;
  /**
   * A test-only fault standing in for an office database that went away (the harness has no
   * PostgreSQL): until `officeDatabaseBack()`, these channels are refused before they reach main, as
   * main refuses them when the server is lost (code 'unavailable', main's own words). Counts the calls.
   */
  officeDatabaseGone(channels: string[]): { refused: string[] };
  officeDatabaseBack(): void;
  /** Reloads the page and waits until the app is ready for keys again. */
  reload(): Promise<void>;
  /**
   * What a restart of the app does (after a restore was asked for): main closes the database and opens
   * it again as at any start (a scheduled restore runs first), and the window loads anew.
   */
  restartApp(): Promise<void>;
  /** The keys main holds (they change when a test changes the database key). */
  keys(): KeyRing;
  /** Delivers what main pushes when another desk changed a list (the preload's onOfficeChange). */
  pushOfficeChange(change: OfficeChange): Promise<void>;
  close(): Promise<void>;
}

/** Serves out/renderer on loopback exactly as the app:// handler serves it in Electron, CSP included. */
function startStaticServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://loopback');
    const file = resolveAppPath(RENDERER_ROOT, `${APP_SCHEME}://${APP_HOST}${url.pathname}`);
    let body: Buffer;
    try {
      if (file === null) throw new Error('outside root');
      body = readFileSync(file);
    } catch {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': mimeTypeFor(file!),
      'content-security-policy': PRODUCTION_CSP,
    });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Runs in the page: Date reads one fixed instant; timers, frames and performance.now() stay real. */
function fixPageDate(at: number): void {
  const RealDate = Date;
  class FixedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor>) {
      super(...((args.length > 0 ? args : [at]) as [number]));
    }
    static override now(): number {
      return at;
    }
  }
  globalThis.Date = FixedDate as DateConstructor;
}

export async function startHarness(
  options: {
    appVersion?: string;
    sampleData?: boolean;
    signedIn?: boolean;
    /**
     * A new computer: the data folder holds a database made on another one (with an administrator),
     * and this profile has no key. The window starts on the recovery-code screen, as main does.
     */
    newComputer?: boolean;
    /**
     * A damaged database at start: one backup was made, then pages of the database were overwritten.
     * The window starts on the damaged-database screen, as main does.
     */
    damaged?: boolean;
    /** Where main's and the page's clocks start (default: noon of the tests' day). */
    startAt?: Date;
    /**
     * The office header is filled in, as after the first-start setup (default: yes when signed in).
     * With false, a signed-in administrator meets the office setup first.
     */
    officeSetUp?: boolean;
    /**
     * The page's timers and animation frames are the browser's own; only its Date is the tests' (fixed).
     * For the browser benches, which time frames: faked timers would put every frame on the fake clock's
     * grid and measure that grid rather than the page.
     */
    realPageTimers?: boolean;
  } = {},
): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-e2e-'));
  const paths: DataPaths = {
    dbPath: path.join(dir, 'verifydesk.sqlite'),
    backupDir: path.join(dir, 'backups'),
  };
  // Main's clock: the tests' day, running on from noon; tests may move it forward (the automatic lock)
  // without waiting. The page's clock starts at the same instant (below).
  const clock = runningClock(options.startAt ?? TEST_NOW);
  const now = clock.now;
  const appVersion =
    options.appVersion ?? JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const mainErrors: string[] = [];
  const copied: string[] = [];
  const saved: string[] = [];
  const printed: string[] = [];
  const opened: string[] = [];
  const restarts: string[] = [];
  // Filled in once the browser is up: the same print templates, rendered by Chromium's page.pdf().
  let renderPdf: (route: string) => Promise<Uint8Array> = () =>
    Promise.reject(new Error('browser not started'));
  const exportDir = path.join(dir, 'exports');
  mkdirSync(exportDir);
  const reportError = (channel: string, error: unknown) =>
    mainErrors.push(`${channel}: ${error instanceof Error ? error.name : 'error'}`);

  // The PostgreSQL pass (e2e-pg): this desk uses an office database on the test server, chosen as in
  // Settings (the connection kept in its profile) and opened the way startup opens it.
  const officeConnection = testOfficeConnection(dir);
  let officeDatabaseName: string | null = null;
  const chooseTestOfficeDatabase = async (keys: KeyRing) => {
    // Imported here: the benches run this harness under tsx, outside Vitest.
    const { inject } = await import('vitest');
    officeDatabaseName = await createTestPgDatabase(inject('pgTemplate'));
    await officeConnection.save({
      settings: testOfficeSettings(officeDatabaseName),
      officeKey: keys.audit(),
      savedAt: now().toISOString(),
      savedBy: TEST_ADMIN.displayName,
    });
  };
  /** This computer's own file, open beside an office database for its catalog. */
  const ownFiles: AppDb[] = [];

  /** What main does once it has a key: open the database, compose the services, dispatch to them. */
  const startApp = async (keys: KeyRing, emergency: boolean, profileDir = dir) => {
    const ownFile = await openAppDatabase(
      paths,
      now,
      keys.all(),
      { key: keys.audit(), anchor: fileHeadAnchor(path.join(profileDir, 'verifydesk-audit-head.json')) },
      { emergency },
    );
    const sqlite = ownFile.sqlite;
    let db = ownFile.db;
    if (emergency) keys.markRecoveryStored(); // it was just typed in: the practice has it
    if (TEST_ENGINE === 'postgres' && profileDir === dir) {
      if (officeDatabaseName === null) await chooseTestOfficeDatabase(keys);
      ownFiles.push(db);
      db = await openChosenOfficeDatabase((await officeConnection.read())!, now, 'Test desk');
      rememberCatalog(db, sqlite);
    }
    // As on a first run of the app: the fictional sample payers are there until removed.
    if (options.sampleData) await loadSampleDataOnce(db, now);
    const services = await createAppServices({
      db,
      catalog: sqlite,
      paths,
      keys,
      officeConnection,
      restart: () => restarts.push(now().toISOString()),
      appVersion,
      now,
      workstation: 'Test desk',
      clipboard: { writeText: (t) => copied.push(t) },
      printer: {
        toPdf: (route) => renderPdf(route),
        async print(route) {
          printed.push(route);
        },
      },
      links: {
        open: (url, sites) =>
          openExternalSafe({ openExternal: async (u) => void opened.push(u) }, url, sites),
      },
      files: {
        async save(name, content) {
          const target = path.join(exportDir, name);
          writeFileSync(target, content);
          saved.push(target);
          return target;
        },
        // The person picks (or makes) a folder standing in for a USB drive.
        async chooseFolder() {
          const folder = path.join(dir, 'usb-drive');
          mkdirSync(folder, { recursive: true });
          return folder;
        },
        chooseFile: async () => null,
      },
    });
    const dispatch = createDispatch({
      handlers: services.handlers,
      guard: services.guard,
      isTrustedSender: (sender) => isTrustedSender(sender, undefined),
      checkOutputs: true,
      reportError,
    });
    return { db, catalog: sqlite, services, dispatch };
  };

  let app: Awaited<ReturnType<typeof startApp>> | null = null;
  let appKeys: KeyRing | null = null;
  let dispatch: Dispatch;
  if (options.newComputer) {
    // The other computer: its own profile and key file; an administrator; then it is gone.
    const otherProfile = mkdtempSync(path.join(dir, 'other-pc-'));
    const elsewhere = await startApp(
      await testKeyRing(otherProfile, now, { shown: true, auditKey: 'random' }),
      false,
      otherProfile,
    );
    await elsewhere.services.session.setup({ ...TEST_ADMIN });
    // That computer had been set up in full, office header included.
    if (options.officeSetUp !== false)
      await elsewhere.services.handlers['settings:update']({ office: SYNTHETIC_OFFICE });
    await elsewhere.db.close();
    const keyFilePath = path.join(dir, 'verifydesk-key.json');
    const { protector } = fakeKeyProtector();
    dispatch = createStartupDispatch({
      situation: 'recovery',
      handlers: recoveryCodeHandlers({
        settle: (code) => settleDbKey({ dbPath: paths.dbPath, keyFilePath, protector, recoveryCode: code }),
        open: async (settled) => {
          const keys = createKeyRing({
            keyFilePath,
            protector,
            key: settled.key,
            history: settled.history,
            audit: settled.audit,
            now,
          });
          app = await startApp(keys, settled.emergency);
          dispatch = app.dispatch;
          return app.services.session.status();
        },
      }),
      isTrustedSender: (sender) => isTrustedSender(sender, undefined),
      checkOutputs: true,
      reportError,
    });
  } else if (options.damaged) {
    const keys = await testKeyRing(dir, now);
    const before = await startApp(keys, false);
    await before.services.session.setup({ ...TEST_ADMIN });
    await before.services.handlers['settings:update']({ office: SYNTHETIC_OFFICE });
    await before.services.handlers['patients:save']({ id: null, patient: patientInput() });
    await before.services.backups.backupNow();
    before.db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await before.db.close();
    const bytes = readFileSync(paths.dbPath);
    bytes.fill(0x5a, 4096 * 3, 4096 * 3 + 64); // inside a page after the first: it fails its HMAC
    writeFileSync(paths.dbPath, bytes);
    let problem = '';
    try {
      await (
        await openAppDatabase(paths, now, keys.all(), {
          key: keys.audit(),
          anchor: fileHeadAnchor(path.join(dir, 'verifydesk-audit-head.json')),
        })
      ).db.close();
    } catch (error) {
      if (!(error instanceof DatabaseOpenError && error.reason === 'damaged')) throw error;
      problem = error.message;
    }
    if (!problem) throw new Error('the damaged database opened: the harness did not damage it');
    dispatch = createStartupDispatch({
      situation: 'damaged',
      handlers: damagedStartHandlers({
        paths,
        keys: keys.all(),
        auditKey: keys.audit(),
        now,
        problem,
        files: { chooseFile: async () => null },
        restart: () => restarts.push(now().toISOString()),
      }),
      isTrustedSender: (sender) => isTrustedSender(sender, undefined),
      checkOutputs: true,
      reportError,
    });
  } else {
    // A fresh install has not shown its recovery code yet; other tests start after that.
    appKeys = await testKeyRing(dir, now, { shown: options.signedIn !== false });
    app = await startApp(appKeys, false);
    // Most tests start with the administrator signed in; the sign-in tests start from a fresh install.
    if (options.signedIn !== false) await app.services.session.setup({ ...TEST_ADMIN });
    if (options.signedIn !== false && options.officeSetUp !== false)
      await app.services.handlers['settings:update']({ office: SYNTHETIC_OFFICE });
    dispatch = app.dispatch;
  }

  let officeGone: { channels: string[]; refused: string[] } | null = null;
  const server = await startStaticServer();
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  // The smallest screen the front desk works on (issue 15): every screen is checked at this size.
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });

  // The bridge: calls carry what Electron would report for them. The loopback server stands in for
  // app://bundle, so a call from the page's top frame on that origin becomes a call from app://bundle/.
  await context.exposeBinding('__verifydeskInvoke', (source, channel: string, input: unknown) => {
    const frameUrl = new URL(source.frame.url());
    const asAppUrl =
      frameUrl.origin === origin
        ? `${APP_SCHEME}://${APP_HOST}${frameUrl.pathname}${frameUrl.hash}`
        : frameUrl.href;
    if (officeGone?.channels.includes(channel)) {
      officeGone.refused.push(channel);
      return Promise.resolve({
        ok: false,
        error: {
          code: 'unavailable',
          message: unreachableMessage({ host: 'db.office.lan', port: 5432, database: 'verifydesk' }),
        },
      });
    }
    return dispatch(
      { frameUrl: asAppUrl, isAppWindowTopFrame: source.frame === source.page.mainFrame() },
      channel,
      input,
    );
  });
  // Functions passed to page.evaluate from code run under tsx (the benchmarks) carry esbuild's __name()
  // helper; give the page a harmless stand-in so they run there too.
  await context.addInitScript(() => {
    (globalThis as { __name?: unknown }).__name ??= (target: unknown) => target;
  });
  // window.api with the preload's exact shape, built from the same channel list, on every page.
  await context.addInitScript(
    (methods: Array<[string, string]>) => {
      const invoke = (
        window as unknown as { __verifydeskInvoke: (c: string, i: unknown) => Promise<unknown> }
      ).__verifydeskInvoke;
      const api = Object.fromEntries(
        methods.map(([channel, method]) => [method, (input: unknown) => invoke(channel, input)]),
      );
      // Main's push (another desk changed a list): the harness delivers it with pushOfficeChange.
      const listeners = new Set<(change: unknown) => void>();
      const onOfficeChange = (listener: (change: unknown) => void) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      };
      Object.defineProperty(window, '__verifydeskOfficeChange', {
        value: (change: unknown) => listeners.forEach((l) => l(change)),
      });
      Object.defineProperty(window, 'api', {
        value: Object.freeze({ ...api, onOfficeChange }),
        writable: false,
        configurable: false,
      });
    },
    CHANNELS.map((c) => [c, methodName(c)] as [string, string]),
  );

  // The page's Date and timers start at main's instant and run on: screens see the tests' day too.
  // Playwright's clock fakes frames and performance.now() even when asked only to fix the time, so the
  // benches' page gets a Date of its own that stands still at main's instant.
  if (options.realPageTimers) await context.addInitScript(fixPageDate, now().getTime());
  else await context.clock.install({ time: now() });
  const page = await context.newPage();
  const requests: string[] = [];
  const consoleMessages: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => consoleMessages.push(m.text()));

  // Printouts through the same queue Electron's print window uses (printQueue.ts): one print page,
  // kept open, moved from job to job by its hash.
  const printQueue = createPrintQueue<PrintSurface & { page: Page }>({
    async open(hash) {
      const printPage = await context.newPage();
      await printPage.goto(`${origin}/index.html${hash}`);
      return {
        page: printPage,
        show: async (next) => {
          await printPage.evaluate((h) => void (window.location.hash = h), next);
        },
        state: () =>
          printPage.evaluate(() => {
            const d = document.body.dataset;
            return {
              ready: d.printReady ?? null,
              failed: d.printFailed ?? null,
              problem: d.printProblem ?? null,
            };
          }),
        alive: () => !printPage.isClosed(),
        close: () => void printPage.close().catch(() => undefined),
      };
    },
  });
  renderPdf = (route) =>
    printQueue.run(
      route,
      async ({ page: printPage }) =>
        new Uint8Array(await printPage.pdf({ format: 'Letter', printBackground: true })),
    );
  // Ready when the first screen has rendered (its keyboard shortcuts are attached in the same task).
  const ready = () => page.locator('h1').first().waitFor();
  await page.goto(`${origin}/index.html`);
  await ready();

  return {
    page,
    origin,
    get db() {
      if (!app) throw new Error('the database is not open yet (the recovery code was not given)');
      return app.db;
    },
    get catalog() {
      if (!app) throw new Error('the database is not open yet (the recovery code was not given)');
      return app.catalog;
    },
    paths,
    requests,
    consoleMessages,
    mainErrors,
    copied,
    saved,
    printed,
    opened,
    restarts,
    now,
    advanceClock(ms) {
      clock.advance(ms);
    },
    officeDatabaseGone(channels) {
      officeGone = { channels, refused: [] };
      return officeGone;
    },
    officeDatabaseBack() {
      officeGone = null;
    },
    async reload() {
      await page.reload();
      await ready();
    },
    keys() {
      if (!appKeys) throw new Error('keys: only an app started on this computer has them here');
      return appKeys;
    },
    async pushOfficeChange(change) {
      await page.evaluate(
        (c) =>
          (window as unknown as { __verifydeskOfficeChange: (c: unknown) => void }).__verifydeskOfficeChange(
            c,
          ),
        change,
      );
    },
    async restartApp() {
      if (!app || !appKeys) throw new Error('restartApp: only an app started on this computer restarts');
      await app.db.close();
      for (const own of ownFiles.splice(0)) if (own.isOpen) await own.close();
      app = await startApp(appKeys, false);
      dispatch = app.dispatch;
      await page.reload();
      await ready();
    },
    async screenshot(name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const file = path.join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      printQueue.close();
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      if (app?.db.isOpen) await app.db.close();
      for (const own of ownFiles) if (own.isOpen) await own.close();
      if (officeDatabaseName) await dropTestPgDatabase(officeDatabaseName);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
