// The one Content-Security-Policy: written into the built index.html, sent by the app:// handler
// and by the test harness's server. Loosened only by the dev server (see electron.vite.config.ts).

export const PRODUCTION_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Dev only: Vite's hot reload needs an inline preamble and a websocket back to the dev server. */
export const DEV_CSP = PRODUCTION_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'none'", "connect-src 'self' ws: http://localhost:*");
