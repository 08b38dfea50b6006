// When the database is damaged at start, VerifyDesk changes nothing and offers the newest backup that
// verifies. Pure decision plus a file check, so the choice is tested without Electron's dialogs.
import path from 'node:path';
import type { DbKey } from '../db/connection';
import type { DataPaths } from '../db/paths';
import { listBackupFiles, verifyWithAnyKey, type BackupFile } from './backupFiles';

/** The newest backup that opens with the key and passes its checks, or null. */
export function latestGoodBackup(
  paths: DataPaths,
  keys: readonly DbKey[],
  latestSchema: number,
): BackupFile | null {
  for (const file of listBackupFiles(paths.backupDir)) {
    try {
      const check = verifyWithAnyKey(path.join(paths.backupDir, file.name), keys);
      if (check.schemaVersion <= latestSchema) return file;
    } catch {
      // Damaged or not ours: try the next older one.
    }
  }
  return null;
}
