// Serves the built renderer from app://bundle/ with the production CSP, refusing anything outside it.
import { realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST } from './appUrl';
import { PRODUCTION_CSP } from './csp';

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// URL to a file under `root`, or null when the URL tries to leave it
 * (dot segments in any encoding, backslashes, NUL, absolute paths, symlinks pointing out).
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  const rawPath = url.pathname;
  if (/%2e|%2f|%5c|%00|\\|\0/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const realRoot = realpathSync(root);
  const candidate = path.resolve(realRoot, relative);
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return candidate.startsWith(realRoot + path.sep) ? candidate : null;
  }
  return real.startsWith(realRoot + path.sep) ? real : null;
}

/** The response for an app:// request: the file with its MIME type and the CSP, or a 404. */
export async function appProtocolResponse(root: string, requestUrl: string): Promise<Response> {
  const filePath = resolveAppPath(root, requestUrl);
  if (filePath === null) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(filePath);
    return new Response(body, {
      status: 200,
      headers: { 'content-type': mimeTypeFor(filePath), 'content-security-policy': PRODUCTION_CSP },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
