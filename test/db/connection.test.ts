import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, openDb, readPragmas, REQUIRED_PRAGMAS } from '../../src/main/db/connection';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';

describe('openDb', () => {
  const tempDir = useTempDirs();

  it('sets every durability pragma, and they read back the same after a reopen', () => {
    const file = path.join(tempDir(), 'app.sqlite');
    const first = openDb(file, TEST_DB_KEY);
    expect(readPragmas(first)).toEqual(REQUIRED_PRAGMAS);
    first.exec('CREATE TABLE t (x INTEGER) STRICT; INSERT INTO t VALUES (1);');
    first.close();
    const second = openDb(file, TEST_DB_KEY);
    expect(readPragmas(second)).toEqual({
      journal_mode: 'wal',
      synchronous: 2,
      foreign_keys: 1,
      busy_timeout: 5000,
      trusted_schema: 0,
      temp_store: 2,
      cache_size: -65536,
    });
    second.close();
  });

  it('refuses a file that is not a database, with a message that says what to do', () => {
    const file = path.join(tempDir(), 'notes.sqlite');
    writeFileSync(file, 'this is a text file pretending to be a database'.repeat(200));
    expect(() => openDb(file, TEST_DB_KEY)).toThrow(DatabaseOpenError);
    expect(() => openDb(file, TEST_DB_KEY)).toThrow(
      /is damaged, is not a VerifyDesk database.*Restore it from a backup/,
    );
  });

  it('refuses a database whose pages are damaged (quick_check fails)', () => {
    const file = path.join(tempDir(), 'damaged.sqlite');
    const db = openDb(file, TEST_DB_KEY);
    db.exec('CREATE TABLE t (x TEXT) STRICT;');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(20));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.close();
    // Overwrite the middle of the file: page headers and cells become garbage.
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096 * 3);
    closeSync(fd);
    let error: unknown;
    try {
      openDb(file, TEST_DB_KEY);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as DatabaseOpenError).reason).toBe('damaged');
  });

  it('refuses a missing folder with a clear error instead of creating files somewhere unexpected', () => {
    const file = path.join(tempDir(), 'no-such-folder', 'app.sqlite');
    expect(() => openDb(file, TEST_DB_KEY)).toThrow(/cannot find the folder/);
  });
});
