// Keeps every webContents on the app's own pages: no navigation away, no redirects, no new windows.
import type { WebContents } from 'electron';
import { isTrustedRendererUrl } from './appUrl';

interface PreventableEvent {
  preventDefault(): void;
}

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function installNavigationGuards(contents: GuardedContents, devServerUrl: string | undefined): void {
  const blockForeign = (event: PreventableEvent, url: string) => {
    if (!isTrustedRendererUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', (event, url) => blockForeign(event, url));
  contents.on('will-frame-navigate', (event) => blockForeign(event, event.url));
  contents.on('will-redirect', (event, url) => blockForeign(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // New windows are never opened, not even for our own URLs: the app is a single window.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
