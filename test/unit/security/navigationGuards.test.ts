import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { installNavigationGuards } from '../../../src/main/security/navigationGuards';

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (name: string, listener: (...args: unknown[]) => void) => emitter.on(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => {
      openHandler = handler;
    },
  };
  return { contents, emitter, open: (url: string) => openHandler!({ url }) };
}

const FOREIGN = [
  'https://example.com/',
  'file:///etc/passwd',
  'evil://bundle/',
  'javascript:alert(1)',
  'data:,x',
];

describe('navigation guards', () => {
  it.each(['will-navigate', 'will-redirect'])(
    '%s: blocks every foreign URL and lets app URLs through',
    (name) => {
      const { contents, emitter } = fakeContents();
      installNavigationGuards(contents as never, undefined);
      for (const url of FOREIGN) {
        const event = { preventDefault: vi.fn() };
        emitter.emit(name, event, url);
        expect(event.preventDefault, url).toHaveBeenCalled();
      }
      const ok = { preventDefault: vi.fn() };
      emitter.emit(name, ok, 'app://bundle/index.html');
      expect(ok.preventDefault).not.toHaveBeenCalled();
    },
  );

  it('will-frame-navigate: blocks frames going anywhere foreign', () => {
    const { contents, emitter } = fakeContents();
    installNavigationGuards(contents as never, undefined);
    for (const url of FOREIGN) {
      const event = { url, preventDefault: vi.fn() };
      emitter.emit('will-frame-navigate', event);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
  });

  it('always blocks webviews', () => {
    const { contents, emitter } = fakeContents();
    installNavigationGuards(contents as never, undefined);
    const event = { preventDefault: vi.fn() };
    emitter.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window, even for app URLs', () => {
    const { contents, open } = fakeContents();
    installNavigationGuards(contents as never, undefined);
    for (const url of [...FOREIGN, 'app://bundle/index.html']) expect(open(url)).toEqual({ action: 'deny' });
  });
});
