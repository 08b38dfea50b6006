// SEC-12 / SEC-13: the packaging config flips the fuses from their one definition, rebuilds nothing,
// and package.json keeps the install safe (no postinstall, Electron pinned, Node >= 22).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * The oldest Electron VerifyDesk may ship with: the newest release of the supported major when this was
 * last raised (45.6.1, the newest on the registry in December 2026). A major alone (45) would admit
 * 45.0.0 and every fix since; raise this with each Electron security release.
 */
const ELECTRON_FLOOR = [45, 6, 1] as const;

const atLeast = (version: string, floor: readonly number[]) => {
  const parts = version.split('.').map(Number);
  for (let i = 0; i < floor.length; i++) if (parts[i] !== floor[i]) return parts[i]! > floor[i]!;
  return true;
};

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

  it('the floor check refuses an older patch of the same major', () => {
    expect(atLeast('45.4.1', ELECTRON_FLOOR)).toBe(false);
    expect(atLeast('45.0.0', ELECTRON_FLOOR)).toBe(false);
    expect(atLeast('45.6.1', ELECTRON_FLOOR)).toBe(true);
    expect(atLeast('46.0.0', ELECTRON_FLOOR)).toBe(true);
  });

  it('package.json: no postinstall or native rebuild, Electron pinned at or above the patched floor, Node 22 or newer', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
      engines: { node: string };
    };
    expect(pkg.scripts.postinstall).toBeUndefined();
    expect(Object.values(pkg.scripts).join(' ')).not.toMatch(/install-app-deps|electron-rebuild/);
    expect(pkg.devDependencies.electron).toMatch(/^\d+\.\d+\.\d+$/);
    expect(atLeast(pkg.devDependencies.electron, ELECTRON_FLOOR), pkg.devDependencies.electron).toBe(true);
    // The lockfile installs exactly that version.
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages['node_modules/electron']?.version).toBe(pkg.devDependencies.electron);
    expect(pkg.engines.node).toMatch(/^>=2[2-9]/);
  });
});
