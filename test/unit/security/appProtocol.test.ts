import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { appProtocolResponse, resolveAppPath } from '../../../src/main/security/appProtocol';
import { PRODUCTION_CSP } from '../../../src/main/security/csp';
import { useTempDirs } from '../../helpers/tempDir';

describe('app:// resolver', () => {
  const tempDir = useTempDirs();
  let root: string;
  let outside: string;

  beforeEach(() => {
    const base = tempDir();
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret.txt');
    mkdirSync(path.join(root, 'assets'), { recursive: true });
    writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(outside, 'secret');
    symlinkSync(outside, path.join(root, 'assets', 'escape.txt'));
  });

  it('serves files under the root', () => {
    expect(resolveAppPath(root, 'app://bundle/assets/app.js')).toMatch(/assets[/\\]app\.js$/);
    expect(resolveAppPath(root, 'app://bundle/')).toMatch(/index\.html$/);
  });

  it.each([
    'app://bundle/../secret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/assets/%2E%2E/%2E%2E/secret.txt',
    'app://bundle/..%2fsecret.txt',
    'app://bundle/%5c..%5csecret.txt',
    'app://bundle/assets\\..\\..\\secret.txt',
    'app://bundle//etc/passwd',
    'app://bundle/assets/app.js%00.html',
    'app://bundle/assets/escape.txt',
    'app://other/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    const resolved = resolveAppPath(root, url);
    // The URL parser normalises some forms (app://bundle/../x becomes app://bundle/x); whatever is left
    // must be a path inside the root, never the file outside it.
    expect(resolved === null || resolved.startsWith(root + path.sep)).toBe(true);
    expect(resolved).not.toBe(outside);
  });

  it('answers with the file, its MIME type and the production CSP', async () => {
    const response = await appProtocolResponse(root, 'app://bundle/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(PRODUCTION_CSP);
  });

  it('answers 404 for unknown files and escapes', async () => {
    expect((await appProtocolResponse(root, 'app://bundle/nope.js')).status).toBe(404);
    expect((await appProtocolResponse(root, 'app://bundle/assets/escape.txt')).status).toBe(404);
  });
});
