import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createMainWindow } from '../../../src/main/windows/mainWindow';
import { secureWebPreferences } from '../../../src/main/security/webPreferences';

const HARDENED = {
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
};

describe('secureWebPreferences', () => {
  it.each([
    [true, false],
    [false, true],
  ])('packaged=%s gives the hardened set with devTools=%s', (isPackaged, devTools) => {
    expect(secureWebPreferences({ preloadPath: '/app/preload.js', isPackaged })).toEqual({
      ...HARDENED,
      preload: '/app/preload.js',
      devTools,
    });
  });

  it('never enables Blink features', () => {
    expect(secureWebPreferences({ preloadPath: 'x', isPackaged: true })).not.toHaveProperty(
      'enableBlinkFeatures',
    );
  });

  it('the main window is built with exactly those preferences and a title without patient data', () => {
    const constructed: BrowserWindowConstructorOptions[] = [];
    class FakeWindow {
      constructor(options: BrowserWindowConstructorOptions) {
        constructed.push(options);
      }
      on = vi.fn();
      once = vi.fn();
      loadURL = vi.fn(async () => undefined);
    }
    const window = createMainWindow(FakeWindow as never, {
      preloadPath: '/p.js',
      isPackaged: true,
      url: 'app://bundle/index.html',
    });
    expect(constructed[0]!.webPreferences).toEqual(
      secureWebPreferences({ preloadPath: '/p.js', isPackaged: true }),
    );
    expect(constructed[0]!.title).toBe('VerifyDesk');
    expect(window.loadURL).toHaveBeenCalledWith('app://bundle/index.html');
    // Page titles are not passed on to the OS window.
    const onTitle = (window.on as ReturnType<typeof vi.fn>).mock.calls.find(
      ([name]) => name === 'page-title-updated',
    );
    const event = { preventDefault: vi.fn() };
    onTitle![1](event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});
