// SEC-1, 7, 8, 10, 11, 14 as wired: the real bootstrap() runs against a faithful fake of Electron's
// modules (test/helpers/fakeElectron.ts), whenReady resolves, the database opens in a temp profile, and
// each guard is exercised on the windows and webContents bootstrap itself made. Each test names the
// regression it exists to catch (the issue-17 review planted each one; none failed a test then).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bootstrap, type BootstrapOptions } from '../../../src/main/bootstrap';
import type { ChangeFeed, ChangeNotice } from '../../../src/main/db/engine/changes';
import { openAppDatabase } from '../../../src/main/db/openAppDatabase';
import { APP_ENTRY_URL } from '../../../src/main/security/appUrl';
import { OFFICE_CHANGE_EVENT } from '../../../src/shared/ipc/officeChanges';
import { secureWebPreferences } from '../../../src/main/security/webPreferences';
import {
  createFakeElectron,
  fakeEvent,
  FakeFrame,
  FakeWebContents,
  type FakeElectron,
} from '../../helpers/fakeElectron';
import { TEST_ADMIN } from '../../helpers/testAdmin';
import { daysFromToday } from '../../helpers/testClock';

const DEV_URL = 'http://localhost:5173/';
const made: string[] = [];
const booted: FakeElectron[] = [];
afterEach(() => {
  for (const fake of booted.splice(0)) fake.electron.app.emit('will-quit'); // closes the database
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function boot(options: {
  isPackaged: boolean;
  env?: Record<string, string>;
  openDatabase?: BootstrapOptions['openDatabase'];
}) {
  const userData = mkdtempSync(path.join(tmpdir(), 'verifydesk-boot-'));
  const outDir = mkdtempSync(path.join(tmpdir(), 'verifydesk-out-'));
  made.push(userData, outDir);
  const fake = createFakeElectron({ isPackaged: options.isPackaged, userData });
  booted.push(fake);
  bootstrap({
    electron: fake.electron as unknown as BootstrapOptions['electron'],
    outDir,
    env: options.env ?? {},
    openDatabase: options.openDatabase,
  });
  fake.ready();
  await vi.waitFor(() => {
    if (!fake.mainWindow()) throw new Error(`no window yet; error boxes: ${JSON.stringify(fake.errorBoxes)}`);
  });
  const main = fake.mainWindow()!;
  const fromMain = { contents: main.webContents, frame: main.webContents.mainFrame };
  const send = async (channel: string, input: unknown) =>
    (await fake.invoke(channel, input, fromMain)) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string };
    }>;
  return { fake, main, send, userData, outDir };
}

describe('bootstrap: the real wiring against a fake Electron', () => {
  it('a second instance quits before opening the database (the first window gets focus instead)', () => {
    const fake = createFakeElectron({ isPackaged: true, userData: '/nonexistent' });
    fake.electron.app.requestSingleInstanceLock = () => false;
    const whenReady = vi.spyOn(fake.electron.app, 'whenReady');
    const openDatabase = vi.fn();
    bootstrap({ electron: fake.electron as never, outDir: '/out', env: {}, openDatabase });
    expect(fake.electron.app.quitCalls).toBe(1);
    expect(openDatabase).not.toHaveBeenCalled();
    expect(whenReady).not.toHaveBeenCalled();
  });

  it('packaged: the window gets the hardened preferences with DevTools off, and the app page (catches: DevTools in packaged builds)', async () => {
    const { main, outDir, fake } = await boot({ isPackaged: true });
    expect(main.options.webPreferences).toEqual(
      secureWebPreferences({ preloadPath: path.join(outDir, 'preload', 'index.js'), isPackaged: true }),
    );
    expect(main.options.webPreferences).toMatchObject({
      devTools: false,
      sandbox: true,
      contextIsolation: true,
    });
    expect(main.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(fake.protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });

  it('every webContents stays on the app: navigation, redirects, frames, webviews and new windows (catches: guards not installed)', async () => {
    const { fake, main } = await boot({ isPackaged: true });
    // The main window's own webContents, and any other one Electron creates later.
    const other = new FakeWebContents();
    fake.electron.app.emit('web-contents-created', fakeEvent(), other);
    for (const contents of [main.webContents, other]) {
      for (const name of ['will-navigate', 'will-redirect'] as const) {
        const away = fakeEvent();
        contents.emit(name, away, 'https://evil.example/');
        expect(away.defaultPrevented, name).toBe(true);
        const home = fakeEvent();
        contents.emit(name, home, `${APP_ENTRY_URL}#/estimates`);
        expect(home.defaultPrevented, name).toBe(false);
      }
      const frame = fakeEvent('file:///etc/passwd');
      contents.emit('will-frame-navigate', frame);
      expect(frame.defaultPrevented).toBe(true);
      const webview = fakeEvent();
      contents.emit('will-attach-webview', webview, {}, {});
      expect(webview.defaultPrevented).toBe(true);
      expect(contents.openHandler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
      expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    }
  });

  it('packaged: every permission is denied and every request outside the app cancelled (catches: permission handlers only in development)', async () => {
    const { fake } = await boot({ isPackaged: true });
    const { session } = fake;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'some-future-permission',
    ]) {
      const callback = vi.fn();
      // Names outside electron.d.ts's union too: a future permission must be denied as well.
      session.permissionRequest!({} as never, permission as never, callback, {} as never);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(
        session.permissionCheck!(null, permission as never, 'app://bundle', {} as never),
        permission,
      ).toBe(false);
    }
    expect(session.devicePermission!({} as never)).toBe(false);
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } = {};
      session.beforeRequest!({ url } as never, (response) => (answer = response));
      return answer.cancel;
    };
    for (const url of [
      'https://example.com/',
      'http://localhost:5173/',
      'file:///etc/passwd',
      'devtools://devtools/x',
    ])
      expect(cancelled(url), url).toBe(true);
    expect(cancelled(`${APP_ENTRY_URL}`)).toBe(false);
  });

  it('IPC answers only the top frame of the app window showing the app (catches: isTrustedSender always true)', async () => {
    const { fake, main, send } = await boot({ isPackaged: true });
    expect(await send('session:status', {})).toMatchObject({ ok: true, value: { state: 'setup' } });
    const refused = { ok: false, error: { code: 'forbidden' } };
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = APP_ENTRY_URL;
    const senders = {
      'a subframe of the app window': {
        contents: main.webContents,
        frame: new FakeFrame(APP_ENTRY_URL, main.webContents.mainFrame),
      },
      'another webContents': { contents: stranger, frame: stranger.mainFrame },
      'a frame Electron no longer has': { contents: main.webContents, frame: null },
    };
    for (const [what, from] of Object.entries(senders))
      expect(await fake.invoke('session:status', {}, from), what).toMatchObject(refused);
    main.webContents.mainFrame.url = 'evil://x/';
    expect(await send('session:status', {})).toMatchObject(refused);
  });

  it('a printout renders in a hidden window with the same hardened preferences, and is audited with its estimate (catches: print window without sandbox or isolation)', async () => {
    const { fake, main, send, outDir } = await boot({ isPackaged: true });
    expect(await send('session:setup', { ...TEST_ADMIN })).toMatchObject({ ok: true });
    // Nothing prints under a placeholder office: the header is filled in first (as at first start).
    expect(
      await send('settings:update', {
        office: {
          name: 'Synthetic Smiles Dental (test)',
          addressLine1: '1 Example Way',
          addressLine2: 'Testville, ST 00000',
          phone: '555-0100',
          npi: '1234567893',
          tin: '12-3456789',
        },
      }),
    ).toMatchObject({ ok: true });
    const patient = (await send('patients:save', {
      id: null,
      patient: {
        firstName: 'Ann',
        lastName: 'Synthpatient',
        dob: '1980-01-05',
        preferredLanguage: 'en',
        phone: null,
      },
    })) as { value: { id: number } };
    const estimate = (await send('estimate:save', {
      patientId: patient.value.id,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(7), feeCents: 45_000 }],
      selfPay: true,
    })) as { ok: boolean; value: { id: number } };
    expect(estimate.ok).toBe(true);
    const before = fake.windows.length;
    expect(await send('print:costSummary', { estimateId: estimate.value.id })).toEqual({
      ok: true,
      value: { printed: true },
    });
    const printWindow = fake.windows[before]!;
    expect(printWindow.options.show).toBe(false);
    expect(printWindow.options.webPreferences).toEqual(
      secureWebPreferences({ preloadPath: path.join(outDir, 'preload', 'index.js'), isPackaged: true }),
    );
    expect(printWindow.loadedUrls).toEqual([`${APP_ENTRY_URL}#/print/cost-summary/${estimate.value.id}~1`]);
    expect(printWindow.webContents.printed).toHaveLength(1);
    // Kept for the next printout, emptied in between; the next one reuses it by its hash.
    expect(printWindow.isDestroyed()).toBe(false);
    expect(printWindow.webContents.hash).toBe('#/print/idle');
    expect(await send('print:costSummaryPdf', { estimateId: estimate.value.id })).toMatchObject({ ok: true });
    expect(fake.windows.length).toBe(before + 1);
    expect(printWindow.webContents.printed).toHaveLength(2);
    // Closing the main window takes the hidden one with it, so the app can quit.
    main.destroy();
    expect(printWindow.isDestroyed()).toBe(true);
  });

  it('packaged: ELECTRON_RENDERER_URL is ignored everywhere (catches: the dev server trusted in a packaged build)', async () => {
    const { fake, main, send } = await boot({ isPackaged: true, env: { ELECTRON_RENDERER_URL: DEV_URL } });
    expect(main.loadedUrls).toEqual([APP_ENTRY_URL]);
    const navigate = fakeEvent();
    main.webContents.emit('will-navigate', navigate, DEV_URL);
    expect(navigate.defaultPrevented).toBe(true);
    let answer: { cancel?: boolean } = {};
    fake.session.beforeRequest!({ url: `${DEV_URL}src/main.tsx` } as never, (r) => (answer = r));
    expect(answer.cancel).toBe(true);
    main.webContents.mainFrame.url = DEV_URL;
    expect(await send('session:status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('control: unpackaged, the same fake sees the dev server trusted and DevTools on', async () => {
    const { main, send } = await boot({ isPackaged: false, env: { ELECTRON_RENDERER_URL: DEV_URL } });
    expect(main.loadedUrls).toEqual([DEV_URL]);
    expect(main.options.webPreferences).toMatchObject({ devTools: true });
    const navigate = fakeEvent();
    main.webContents.emit('will-navigate', navigate, DEV_URL);
    expect(navigate.defaultPrevented).toBe(false);
    expect(await send('session:status', {})).toMatchObject({ ok: true });
  });

  it('packaged: VERIFYDESK_DB_PATH is ignored; the database is in the profile (only development and tests move it)', async () => {
    const elsewhere = path.join(mkdtempSync(path.join(tmpdir(), 'verifydesk-elsewhere-')), 'moved.sqlite');
    made.push(path.dirname(elsewhere));
    const packaged = await boot({ isPackaged: true, env: { VERIFYDESK_DB_PATH: elsewhere } });
    expect(existsSync(path.join(packaged.userData, 'verifydesk.sqlite'))).toBe(true);
    expect(existsSync(elsewhere)).toBe(false);
    const dev = await boot({ isPackaged: false, env: { VERIFYDESK_DB_PATH: elsewhere } });
    expect(existsSync(elsewhere)).toBe(true);
    expect(existsSync(path.join(dev.userData, 'verifydesk.sqlite'))).toBe(false);
  });

  it('a change another desk made reaches the app window on the one push channel, as topics only (catches: the feed not wired to the window)', async () => {
    // The data layer as an office database would give it: its change feed is the test's to drive.
    const listeners: Array<(notice: ChangeNotice) => void> = [];
    const feed: ChangeFeed = {
      subscribe: (listener) => {
        listeners.push(listener);
        return () => undefined;
      },
      close: async () => undefined,
    };
    const openDatabase: typeof openAppDatabase = async (...args) => {
      const opened = await openAppDatabase(...args);
      const db = new Proxy(opened.db, {
        get: (target, key) => (key === 'changes' ? feed : Reflect.get(target, key)),
      });
      return { ...opened, db };
    };
    const { main } = await boot({ isPackaged: true, openDatabase });
    expect(listeners).toHaveLength(1);
    listeners[0]!({ kind: 'changed', table: 'prior_auths' });
    listeners[0]!({ kind: 'changed', table: 'verifydesk_schema' });
    listeners[0]!({ kind: 'resync' });
    expect(main.webContents.sent).toEqual([
      [OFFICE_CHANGE_EVENT, { topics: ['priorAuths', 'todos'] }],
      [OFFICE_CHANGE_EVENT, { topics: ['priorAuths', 'todos', 'reverify'] }],
    ]);
  });
});
