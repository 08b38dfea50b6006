// Restoring a backup happens at the next start, before the database is opened: the running app only
// records which verified backup to restore and restarts. Then the current file is backed up, moved aside
// with its -wal and -shm (so no stale WAL is replayed over the restored copy), the backup is copied in and
// flushed, and the normal open runs its checks.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { applyKey, openCopy, openDb, type DbKey } from '../db/connection';
import type { DataPaths } from '../db/paths';
import { fsyncPath, verifyWithAnyKey, writeBackupFile } from './backupFiles';

const pendingSchema = z.strictObject({ backupFile: z.string(), requestedAt: z.string() });

const markerOf = (paths: DataPaths) => `${paths.dbPath}.restore-pending.json`;

/** Verifies the backup (and that this version can read it), then asks for it at the next start. */
export function scheduleRestore(
  paths: DataPaths,
  backupFile: string,
  keys: readonly DbKey[],
  latestSchema: number,
  now: Date,
): { schemaVersion: number } {
  const check = verifyWithAnyKey(backupFile, keys);
  if (check.schemaVersion > latestSchema)
    throw new Error('This backup was written by a newer version of VerifyDesk. Update VerifyDesk first.');
  writeFileSync(markerOf(paths), JSON.stringify({ backupFile, requestedAt: now.toISOString() }));
  return { schemaVersion: check.schemaVersion };
}

function reencrypt(file: string, from: DbKey, to: DbKey): void {
  const db = openCopy(file, from, { readonly: false });
  try {
    db.pragma('journal_mode = DELETE');
    applyKey(db, to, 'rekey');
  } finally {
    db.close();
  }
}

/** A damaged current file cannot be backed up; it is still kept, moved aside, below. */
function backUpIfItOpens(paths: DataPaths, key: DbKey, at: Date): void {
  let current;
  try {
    current = openDb(paths.dbPath, key);
  } catch {
    return;
  }
  try {
    writeBackupFile(current, key, paths.backupDir, 'pre-restore', at);
  } finally {
    current.close();
  }
}

/**
 * Runs a scheduled restore, if any (`keys`: the current key first, then earlier ones). A backup from
 * before a key change is re-encrypted with the current key once copied in. Returns the file restored from.
 */
export function applyPendingRestore(
  paths: DataPaths,
  keys: readonly DbKey[],
  now: () => Date,
): string | null {
  const marker = markerOf(paths);
  if (!existsSync(marker)) return null;
  const key = keys[0]!;
  const { backupFile } = pendingSchema.parse(JSON.parse(readFileSync(marker, 'utf8')));
  const { key: backupKey } = verifyWithAnyKey(backupFile, keys);
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  if (existsSync(paths.dbPath)) {
    mkdirSync(paths.backupDir, { recursive: true });
    backUpIfItOpens(paths, key, now());
    for (const suffix of ['', '-wal', '-shm']) {
      const file = `${paths.dbPath}${suffix}`;
      if (existsSync(file))
        renameSync(file, path.join(path.dirname(file), `${path.basename(file)}.replaced-${stamp}`));
    }
  }
  const temp = `${paths.dbPath}.restoring`;
  copyFileSync(backupFile, temp);
  fsyncPath(temp);
  if (!backupKey.equals(key)) reencrypt(temp, backupKey, key);
  renameSync(temp, paths.dbPath);
  rmSync(marker);
  return path.basename(backupFile);
}
