// The renderer's own origin. Parsed, never compared by prefix: URL.origin is 'null' for custom schemes.

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

export function isAppUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === ''
  );
}

/** The Vite dev server's origin, trusted only when the app is not packaged. */
export function isDevServerUrl(candidate: string, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  try {
    const url = new URL(candidate);
    const dev = new URL(devServerUrl);
    return (
      (url.protocol === 'http:' || url.protocol === 'ws:') &&
      url.hostname === dev.hostname &&
      url.port === dev.port
    );
  } catch {
    return false;
  }
}

/** Where the renderer may come from: app:// always, the dev server only in development. */
export function isTrustedRendererUrl(candidate: string, devServerUrl: string | undefined): boolean {
  return isAppUrl(candidate) || isDevServerUrl(candidate, devServerUrl);
}
