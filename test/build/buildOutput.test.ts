// Checks on what `electron-vite build` produced: what `npm start` would load on a user's machine.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_CSP } from '../../src/main/security/csp';

const root = path.resolve(__dirname, '../..');
const out = (...parts: string[]) => path.join(root, 'out', ...parts);
const read = (file: string) => readFileSync(file, 'utf8');

function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

describe('build output', () => {
  it('has main, preload and renderer, and package.json points at the built main', () => {
    const pkg = JSON.parse(read(path.join(root, 'package.json')));
    expect(pkg.main).toBe('./out/main/index.js');
    for (const file of [out('main', 'index.js'), out('preload', 'index.js'), out('renderer', 'index.html')]) {
      expect(existsSync(file), file).toBe(true);
    }
  });

  it('the main bundle boots the app and loads the renderer from app://bundle/', () => {
    const main = read(out('main', 'index.js'));
    expect(main).toContain('app://bundle/index.html');
    expect(main).toContain('requestSingleInstanceLock');
    expect(main).not.toMatch(/\bfetch\(|net\.request|autoUpdater|crashReporter\.start/);
  });

  it('the preload is one CommonJS file whose only require is electron', () => {
    const files = readdirSync(out('preload'));
    expect(files).toEqual(['index.js']);
    const preload = read(out('preload', 'index.js'));
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).not.toMatch(/\bimport\(/);
    const requires = [...preload.matchAll(/require\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]);
    expect(requires).toEqual(['electron']);
    expect(preload).toContain('exposeInMainWorld("api"');
  });

  it('index.html carries the exact production CSP, with no unsafe script sources', () => {
    const html = read(out('renderer', 'index.html'));
    const match = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
    expect(match).not.toBeNull();
    const policy = parseCsp(match![1]!);
    expect(policy).toEqual(parseCsp(PRODUCTION_CSP));
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'none'"]);
    expect(match![1]).not.toMatch(/unsafe-(eval|inline)/);
  });

  it('the built renderer has no inline scripts and nothing loaded from elsewhere', () => {
    const html = read(out('renderer', 'index.html'));
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref, ref).toMatch(/^\.\/assets\//);
    for (const file of readdirSync(out('renderer', 'assets'))) {
      const text = read(out('renderer', 'assets', file));
      expect(text, file).not.toMatch(/(?:src|href)\s*=\s*["']https?:\/\//);
    }
  });
});
