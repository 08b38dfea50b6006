import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it, vi } from 'vitest';
import { applySessionPolicy, isAllowedRequest } from '../../../src/main/security/sessionPolicy';

/** Every permission name Electron's own type definitions know, read from the installed electron.d.ts. */
function electronPermissionNames(): string[] {
  const dts = readFileSync(createRequire(import.meta.url).resolve('electron/electron.d.ts'), 'utf8');
  const match = dts.match(
    /setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+?), callback/s,
  );
  if (!match) throw new Error('Could not find the permission union in electron.d.ts');
  return [...match[1]!.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);
}

function fakeSession() {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
}

describe('session policy', () => {
  it('denies every permission request and check, including unknown names', () => {
    const session = fakeSession();
    applySessionPolicy(session as never, undefined);
    const request = session.setPermissionRequestHandler.mock.calls[0]![0];
    const check = session.setPermissionCheckHandler.mock.calls[0]![0];
    const names = [...electronPermissionNames(), 'some-future-permission'];
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const callback = vi.fn();
      request({}, name, callback, {});
      expect(callback, name).toHaveBeenCalledWith(false);
      expect(check({}, name, 'app://bundle', {}), name).toBe(false);
    }
    expect(session.setDevicePermissionHandler.mock.calls[0]![0]({})).toBe(false);
  });

  it.each([
    'http://example.com/x.js',
    'https://example.com/',
    'ws://example.com/',
    'wss://example.com/',
    'file:///etc/passwd',
    'data:text/html,x',
    'ftp://example.com/',
    'http://localhost:5173/',
    'devtools://devtools/bundled/inspector.html',
  ])('cancels %s in a packaged app', (url) => {
    const session = fakeSession();
    applySessionPolicy(session as never, undefined);
    const listener = session.webRequest.onBeforeRequest.mock.calls[0]![0];
    const callback = vi.fn();
    listener({ url }, callback);
    expect(callback).toHaveBeenCalledWith({ cancel: true });
  });

  it("lets the app's own content through", () => {
    expect(isAllowedRequest('app://bundle/assets/index.js', undefined)).toBe(true);
  });

  it('allows the dev server and DevTools only in development', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedRequest('https://localhost:5173/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedRequest('devtools://devtools/x', 'http://localhost:5173')).toBe(true);
  });
});
