// A key change on a full disk (issue 17, item 12): it fails with the disk-full message a person can act
// on, leaves no temporary key file, and the database, the key and the key file are as they were.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../../src/main/db/connection';
import { openSignedInApp } from '../helpers/appDispatch';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';

// The disk fills while the key file is written: every write to a key file's temporary name fails.
const diskFull = vi.hoisted(() => ({ on: false, paths: new Map<number, string>() }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = ((file: string, ...rest: unknown[]) => {
    const fd = (fs.openSync as (...a: unknown[]) => number)(file, ...rest);
    diskFull.paths.set(fd, String(file));
    return fd;
  }) as typeof fs.openSync;
  const writeSync = ((fd: number, ...rest: unknown[]) => {
    if (diskFull.on && diskFull.paths.get(fd)?.endsWith('verifydesk-key.json.tmp'))
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    return (fs.writeSync as (...a: unknown[]) => number)(fd, ...rest);
  }) as typeof fs.writeSync;
  return { ...fs, default: { ...fs, openSync, writeSync }, openSync, writeSync };
});

describe('a key change on a full disk', () => {
  const tempDir = useTempDirs();

  it('says the disk is full, leaves no temporary key file, and changes nothing', async () => {
    const { db, send, keys, paths, reported, keyFilePath: keyFile } = await openSignedInApp(tempDir);
    const before = readFileSync(keyFile, 'utf8');
    diskFull.on = true;
    const changed = await send('security:changeKey', {});
    diskFull.on = false;
    expect(changed).toMatchObject({
      ok: false,
      error: { code: 'disk_full', message: expect.stringMatching(/^The disk is full/) },
    });
    expect(reported).toEqual([]);
    expect(readdirSync(path.dirname(keyFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
    expect(keys.current().equals(TEST_DB_KEY)).toBe(true);
    expect(existsSync(`${paths.dbPath}.before-key-change`)).toBe(false);
    await db.close();
    openDb(paths.dbPath, TEST_DB_KEY).close(); // still opens with the key it had
  });
});
