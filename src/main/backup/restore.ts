// Restoring a backup happens at the next start, before the database is opened: the running app only
// records which verified backup to restore and restarts. Then the current file is backed up, moved aside
// with its -wal and -shm (so no stale WAL is replayed over the restored copy), the backup is copied in and
// flushed, and the normal open runs its checks.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { openDb, type DbKey } from '../db/connection';
import type { DataPaths } from '../db/paths';
import { verifyBackupFile, writeBackupFile } from './backupFiles';

const pendingSchema = z.strictObject({ backupFile: z.string(), requestedAt: z.string() });

const markerOf = (paths: DataPaths) => `${paths.dbPath}.restore-pending.json`;

/** Verifies the backup (and that this version can read it), then asks for it at the next start. */
export function scheduleRestore(
  paths: DataPaths,
  backupFile: string,
  key: DbKey,
  latestSchema: number,
  now: Date,
): { schemaVersion: number } {
  const check = verifyBackupFile(backupFile, key);
  if (check.schemaVersion > latestSchema)
    throw new Error('This backup was written by a newer version of VerifyDesk. Update VerifyDesk first.');
  writeFileSync(markerOf(paths), JSON.stringify({ backupFile, requestedAt: now.toISOString() }));
  return { schemaVersion: check.schemaVersion };
}

function flush(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
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

/** Runs a scheduled restore, if any. Returns the file restored from, for the audit trail. */
export function applyPendingRestore(paths: DataPaths, key: DbKey, now: () => Date): string | null {
  const marker = markerOf(paths);
  if (!existsSync(marker)) return null;
  const { backupFile } = pendingSchema.parse(JSON.parse(readFileSync(marker, 'utf8')));
  verifyBackupFile(backupFile, key);
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
  flush(temp);
  renameSync(temp, paths.dbPath);
  rmSync(marker);
  return path.basename(backupFile);
}
