// DB-14: a backup step that fails (here the final rename, as on a full or vanished drive) removes its
// temporary file and leaves older backups exactly as they were.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openSignedInApp } from '../helpers/appDispatch';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_NOW } from '../helpers/testClock';

const failRename = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (failRename.on) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    return fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, renameSync }, renameSync };
});

describe('a failing backup step', () => {
  const tempDir = useTempDirs();

  it('removes its temporary file and leaves the older backups untouched', async () => {
    let clock = TEST_NOW.getTime();
    const { send, paths, reported } = await openSignedInApp(tempDir, () => new Date(clock));
    const first = (await send('backups:create', {})) as { value: { name: string } };
    const firstBytes = readFileSync(path.join(paths.backupDir, first.value.name));
    clock += 1000;
    failRename.on = true;
    const failed = await send('backups:create', {});
    failRename.on = false;
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'internal', message: /Older backups are untouched/ },
    });
    expect(readdirSync(paths.backupDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readdirSync(paths.backupDir).filter((f) => f.endsWith('.sqlite'))).toEqual([first.value.name]);
    expect(readFileSync(path.join(paths.backupDir, first.value.name)).equals(firstBytes)).toBe(true);
    expect(reported).toEqual([]);
  });
});
