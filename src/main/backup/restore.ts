// Restoring a backup happens at the next start, before the database is opened: the running app only
// records which verified backup to restore and restarts. At the start the backup is checked again (it may
// be on a drive that is no longer plugged in); if it cannot be restored nothing changes and the start
// goes on with the data as it was. Otherwise the current file is backed up, moved aside with any -wal,
// -shm or -journal beside it (so no stale log is replayed over the restored copy, even when an earlier
// attempt was cut off half-way), the backup is copied in and flushed, and the normal open runs its checks.
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
import type { AuditHead } from '../audit/auditAnchor';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditChain, AuditKey } from '../audit/auditChain';
import { openAuditTrail, recordAudit } from '../audit/auditLog';
import { sqliteAppDb } from '../db/appDb';
import { openDb, type DbKey } from '../db/connection';
import type { DataPaths } from '../db/paths';
import { backupName, fsyncPath, reencryptFile, verifyWithAnyKey, writeBackupFile } from './backupFiles';

const pendingSchema = z.strictObject({
  backupFile: z.string(),
  requestedAt: z.string(),
  /** Signed with the audit key: a restore asked for by a file written outside VerifyDesk does not run. */
  mac: z.string(),
});

const markerOf = (paths: DataPaths) => `${paths.dbPath}.restore-pending.json`;

const markerMac = (auditKey: AuditKey, backupFile: string, requestedAt: string) =>
  createHmac('sha256', auditKey.key)
    .update(JSON.stringify(['restore', backupFile, requestedAt]))
    .digest('hex');

/** Verifies the backup (its data, its audit trail, that this version can read it), then asks for it at the next start. */
export function scheduleRestore(
  paths: DataPaths,
  backupFile: string,
  keys: readonly DbKey[],
  auditKey: AuditKey,
  latestSchema: number,
  now: Date,
): { schemaVersion: number } {
  const check = verifyWithAnyKey(backupFile, keys, auditKey);
  if (check.schemaVersion > latestSchema)
    throw new Error('This backup was written by a newer version of VerifyDesk. Update VerifyDesk first.');
  const requestedAt = now.toISOString();
  writeFileSync(
    markerOf(paths),
    JSON.stringify({ backupFile, requestedAt, mac: markerMac(auditKey, backupFile, requestedAt) }),
  );
  return { schemaVersion: check.schemaVersion };
}

/**
 * A damaged current file cannot be backed up; it is still kept, moved aside, below. The backup records
 * itself in the current file's trail first, like every backup, so it can be restored in turn.
 */
async function backUpIfItOpens(paths: DataPaths, key: DbKey, audit: AuditChain, at: Date): Promise<void> {
  let raw;
  try {
    raw = openDb(paths.dbPath, key);
  } catch {
    return;
  }
  const current = sqliteAppDb(raw);
  try {
    await openAuditTrail(current, audit, { mayStart: false });
    const file = backupName(raw, 'pre-restore', at);
    await recordAudit(
      current,
      {
        who: null,
        otherwise: 'VerifyDesk (restore at start)',
        action: 'backup',
        entity: 'backup',
        detail: { file, kind: 'pre-restore' },
      },
      at,
    );
    writeBackupFile(raw, key, paths.backupDir, file);
  } finally {
    await current.close();
  }
}

export interface RestoreOutcome {
  /** The backup's file name, once restored; null when it was not. */
  restored: string | null;
  /** The trail's head recorded before the restore (the restored trail ends earlier). */
  replacedHead: AuditHead | null;
  /** Why the scheduled restore did not run, in words a person can act on; null when it ran. */
  problem: string | null;
  /** The backup that was asked for. */
  file: string | null;
}

/**
 * Runs a scheduled restore, if any (`keys`: the current key first, then earlier ones). A backup from
 * before a key change is re-encrypted with the current key once copied in. Null when none was scheduled.
 */
export async function applyPendingRestore(
  paths: DataPaths,
  keys: readonly DbKey[],
  audit: AuditChain,
  now: () => Date,
): Promise<RestoreOutcome | null> {
  const marker = markerOf(paths);
  if (!existsSync(marker)) return null;
  const key = keys[0]!;
  let backupFile: string | null = null;
  let backupKey: DbKey;
  try {
    let pending: z.infer<typeof pendingSchema>;
    try {
      pending = pendingSchema.parse(JSON.parse(readFileSync(marker, 'utf8')));
    } catch {
      throw new Error('the request for it could not be read');
    }
    backupFile = pending.backupFile;
    const expected = Buffer.from(markerMac(audit.key, pending.backupFile, pending.requestedAt), 'hex');
    const given = Buffer.from(pending.mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new Error('it was not asked for in VerifyDesk on this computer');
    if (!existsSync(backupFile))
      throw new Error(`the backup ${backupFile} is not there (if it is on a USB drive, plug it in)`);
    backupKey = verifyWithAnyKey(backupFile, keys, audit.key).key;
  } catch (error) {
    // Nothing was touched: the data stays as it was, and the next start does not try again.
    rmSync(marker, { force: true });
    const reason = error instanceof Error ? error.message : String(error);
    return {
      restored: null,
      replacedHead: null,
      file: backupFile,
      problem: `The restore asked for did not run, and the data is as it was: ${reason}. Choose a backup again in Settings, Backups.`,
    };
  }
  let replacedHead: AuditHead | null = null;
  try {
    replacedHead = await audit.anchor.read();
  } catch {
    // An unreadable record: the restore's entry says so by naming no head.
  }
  const stamp = now().toISOString().replace(/[:.]/g, '-');
  if (existsSync(paths.dbPath)) {
    mkdirSync(paths.backupDir, { recursive: true });
    await backUpIfItOpens(paths, key, audit, now());
  }
  // Every piece, each time: a start cut off after moving the database but before its -wal would
  // otherwise leave that -wal to be replayed over the restored copy.
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = `${paths.dbPath}${suffix}`;
    if (existsSync(file))
      renameSync(file, path.join(path.dirname(file), `${path.basename(file)}.replaced-${stamp}`));
  }
  const temp = `${paths.dbPath}.restoring`;
  copyFileSync(backupFile, temp);
  fsyncPath(temp);
  if (!backupKey.equals(key)) reencryptFile(temp, backupKey, key);
  renameSync(temp, paths.dbPath);
  if (process.platform !== 'win32') fsyncPath(path.dirname(paths.dbPath), 'folder');
  rmSync(marker);
  return { restored: path.basename(backupFile), replacedHead, problem: null, file: backupFile };
}
