// SEC-12 / SEC-13: the packaging config flips the fuses from their one definition, rebuilds nothing,
// and package.json keeps the install safe (no postinstall, Electron pinned, Node >= 22).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

describe('packaging', () => {
  it('applies exactly the agreed fuses, from build/fuses.json', () => {
    const config = require(path.join(ROOT, 'electron-builder.config.cjs')) as Record<string, unknown>;
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect((config.win as { target: string[] }).target).toContain('nsis');
    expect(config.files).toEqual(['out/**/*', 'package.json']);
  });

  it('package.json: no postinstall or native rebuild, Electron pinned, Node 22 or newer', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(Object.values(pkg.scripts).join(' ')).not.toMatch(/install-app-deps|electron-rebuild/);
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pkg.devDependencies.electron.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(pkg.engines.node).toMatch(/^>=2[2-9]/);
  });
});
