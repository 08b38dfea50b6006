// The copy a key change takes before it re-encrypts the database in place. SQLCipher's rekey writes a
// new salt into page 1, so a crash half-way leaves a file that neither key opens: with the old key
// SQLite cannot even read the rollback journal that would undo it (found by test/db/keyChangeKill).
// The copy (encrypted with the old key, verified) is what the next start puts back in that case.
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fsyncPath, verifyBackupFile, writeVerifiedCopy } from '../backup/backupFiles';
import type { Db, DbKey } from '../db/connection';

const copyPathOf = (dbPath: string) => `${dbPath}.before-key-change`;

/** Takes the verified copy under the current key. Call right before the re-encryption, with no write between. */
export function writeBeforeKeyChangeCopy(db: Db, key: DbKey): void {
  rmSync(copyPathOf(db.name), { force: true });
  writeVerifiedCopy(db, key, copyPathOf(db.name));
}

/**
 * After an interrupted key change left a file no key opens: puts the copy back when it verifies with
 * `key` (the key from before the change). Returns whether it did. Safe to repeat if interrupted itself.
 */
export function restoreBeforeKeyChangeCopy(dbPath: string, key: DbKey): boolean {
  const copy = copyPathOf(dbPath);
  if (!existsSync(copy)) return false;
  try {
    verifyBackupFile(copy, key);
  } catch {
    return false;
  }
  // The half re-encrypted file holds nothing the copy lacks (no write ran between them). Its journal
  // goes first: left beside the copy, SQLite would "roll back" the copy with it. The rename then
  // replaces the file in one step, so the database path is never empty.
  for (const suffix of ['-journal', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  if (process.platform !== 'win32') fsyncPath(path.dirname(dbPath), 'folder');
  renameSync(copy, dbPath);
  if (process.platform !== 'win32') fsyncPath(path.dirname(dbPath), 'folder');
  return true;
}

/** Once the key is settled the copy is stale (and it is encrypted with a key being retired). */
export function discardBeforeKeyChangeCopy(dbPath: string): void {
  rmSync(copyPathOf(dbPath), { force: true });
}
