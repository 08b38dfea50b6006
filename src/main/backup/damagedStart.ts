// When the database is damaged at start, VerifyDesk changes nothing and offers the newest backup that
// verifies (or one the person picks), with what it holds. File checks only, no Electron.
import path from 'node:path';
import type { AuditKey } from '../audit/auditChain';
import type { DbKey } from '../db/connection';
import type { DataPaths } from '../db/paths';
import { listBackupFiles, parseBackupName, verifyWithAnyKey, type BackupFile } from './backupFiles';

/** The newest backup that opens with the key and passes its checks (its audit trail too), or null. */
export function latestGoodBackup(
  paths: DataPaths,
  keys: readonly DbKey[],
  auditKey: AuditKey,
  latestSchema: number,
): BackupFile | null {
  for (const file of listBackupFiles(paths.backupDir)) {
    try {
      const check = verifyWithAnyKey(path.join(paths.backupDir, file.name), keys, auditKey);
      if (check.schemaVersion <= latestSchema) return file;
    } catch {
      // Damaged or not ours: try the next older one.
    }
  }
  return null;
}

/** A backup as the damaged-database screen offers it: where it is, when it was taken, what it holds. */
export interface BackupOffer {
  file: string;
  /** From its name; null for a file renamed by hand. */
  takenAt: string | null;
  schemaVersion: number;
  patients: number;
  calls: number;
  estimates: number;
}

/** Checks a backup through and says what it holds; throws with the reason when it cannot be restored. */
export function backupOffer(
  file: string,
  keys: readonly DbKey[],
  auditKey: AuditKey,
  latestSchema: number,
): BackupOffer {
  const check = verifyWithAnyKey(file, keys, auditKey);
  if (check.schemaVersion > latestSchema)
    throw new Error('it was written by a newer version of VerifyDesk; update VerifyDesk first');
  return {
    file,
    takenAt: parseBackupName(path.basename(file))?.takenAt ?? null,
    schemaVersion: check.schemaVersion,
    patients: check.counts.patients ?? 0,
    calls: check.counts.calls ?? 0,
    estimates: check.counts.estimates ?? 0,
  };
}
