import { describe, expect, it, vi } from 'vitest';
import { bootstrap } from '../../../src/main/bootstrap';

function fakeElectron(hasLock: boolean) {
  return {
    app: {
      requestSingleInstanceLock: vi.fn(() => hasLock),
      quit: vi.fn(),
      on: vi.fn(),
      whenReady: vi.fn(() => new Promise(() => undefined)),
      isPackaged: true,
      getPath: vi.fn(() => '/tmp/none'),
      getVersion: vi.fn(() => '0.0.0'),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    BrowserWindow: vi.fn(),
    dialog: { showErrorBox: vi.fn() },
    ipcMain: { handle: vi.fn() },
    session: { defaultSession: {} },
  };
}

describe('bootstrap', () => {
  it('a second instance quits before opening the database (the first window gets focus instead)', () => {
    const electron = fakeElectron(false);
    const openDatabase = vi.fn();
    bootstrap({ electron: electron as never, outDir: '/out', env: {}, openDatabase });
    expect(electron.app.quit).toHaveBeenCalled();
    expect(openDatabase).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('the first instance registers the app scheme as privileged and guards every webContents', () => {
    const electron = fakeElectron(true);
    bootstrap({ electron: electron as never, outDir: '/out', env: {}, openDatabase: vi.fn() });
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const events = electron.app.on.mock.calls.map(([name]) => name);
    expect(events).toEqual(expect.arrayContaining(['web-contents-created', 'second-instance']));
  });
});
