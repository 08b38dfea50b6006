// Backups for the practice: one a day on its own, one whenever an administrator asks, kept by the
// retention rule, each verified before it gets its name; and a restore, carried out at the next start.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import { auditChainOf } from '../audit/auditChain';
import { recordAudit } from '../audit/auditLog';
import type { SessionUser } from '../auth/sessionService';
import type { AppDb } from '../db/appDb';
import type { Db } from '../db/connection';
import type { KeyRing } from '../security/keyRing';
import { MIGRATIONS } from '../db/migrations';
import type { DataPaths } from '../db/paths';
import {
  backupName,
  copyBackupFile,
  listBackupFiles,
  pruneBackupFolder,
  reencryptBackups,
  sweepTemporaryFiles,
  verifyWithAnyKey,
  writeBackupFile,
  type BackupCheck,
  type BackupFile,
  type BackupKind,
} from './backupFiles';
import { scheduleRestore } from './restore';

export interface BackupPreview {
  name: string;
  takenAt: string;
  schemaVersion: number;
  patients: number;
  calls: number;
  estimates: number;
}

/** How the copy of the latest backup to the second folder went. */
export interface CopyStatus {
  folder: string;
  at: string;
  ok: boolean;
  /** What went wrong, in words a person can act on; null when the copy was made and checked. */
  problem: string | null;
}

export function createBackupService(deps: {
  /** The app's SQLite database (an office database on a server is backed up by its own tools). */
  db: AppDb;
  keys: KeyRing;
  paths: DataPaths;
  now: () => Date;
  /** The folder chosen in Settings; empty: the backups folder beside the database. */
  folder: () => string;
  /** A second folder each backup is copied to and checked in (DB-10); empty: none. */
  copyFolder: () => string;
  actor: () => SessionUser | null;
  /** Restarts the app (Electron relaunch); the restore runs before the database opens again. */
  restart: () => void;
}) {
  const { db, keys, paths, now } = deps;
  const sqlite = (): Db => {
    if (!db.sqlite)
      throw new AppError(
        'conflict',
        "The office database is on a server: it is backed up there (the practice's IT person runs pg_dump), not from this computer.",
      );
    return db.sqlite;
  };
  const folder = () => {
    const chosen = deps.folder().trim();
    if (!chosen) return paths.backupDir;
    if (!path.isAbsolute(chosen) || !existsSync(chosen) || !statSync(chosen).isDirectory())
      throw new AppError(
        'validation',
        `The backup folder ${chosen} is not there. Choose an existing folder in Settings (for example on a USB drive that is plugged in).`,
        'backupFolder',
      );
    return chosen;
  };

  let lastCopy: CopyStatus | null = null;

  /** Copies a new backup to the second folder. Its failure never undoes the backup itself. */
  function copyOut(file: BackupFile, from: string, check: BackupCheck): CopyStatus | null {
    const target = deps.copyFolder().trim();
    if (!target) return null;
    const at = now().toISOString();
    try {
      if (!path.isAbsolute(target) || !existsSync(target) || !statSync(target).isDirectory())
        throw new Error(`the folder ${target} is not there (is the drive plugged in?)`);
      sweepTemporaryFiles(target);
      copyBackupFile(path.join(from, file.name), target, keys.current(), check);
      pruneBackupFolder(target, now());
      // A drive that was not plugged in at the last key change gets its older copies re-encrypted now.
      reencryptBackups(target, keys.all());
      lastCopy = { folder: target, at, ok: true, problem: null };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      lastCopy = {
        folder: target,
        at,
        ok: false,
        problem: `The backup was made, but copying it to ${target} failed: ${reason}.`,
      };
    }
    return lastCopy;
  }

  const audit = (action: string, detail: Record<string, unknown>) =>
    recordAudit(
      db,
      { who: deps.actor(), otherwise: 'VerifyDesk (automatic)', action, entity: 'backup', detail },
      now(),
    );

  async function take(kind: BackupKind): Promise<BackupFile & { copy: CopyStatus | null }> {
    const dir = folder();
    sweepTemporaryFiles(dir);
    const name = backupName(sqlite(), kind, now());
    // Never over an existing backup (two in the same millisecond, or a clock set back).
    if (existsSync(path.join(dir, name)))
      throw new AppError('conflict', 'A backup was made this very second. Wait a moment and try again.');
    // Recorded before the copy is taken, so the copy's own trail ends with it: a restore can then tell
    // a backup whose trail was cut short (backupTrailProblem).
    await audit('backup', { file: name, kind });
    let written: { file: BackupFile; check: BackupCheck };
    try {
      written = await db.exclusive((raw) => writeBackupFile(raw, keys.current(), dir, name));
    } catch (error) {
      const full = (error as { code?: unknown }).code === 'SQLITE_FULL';
      await audit('backup_failed', {
        file: name,
        reason: full ? 'disk full' : 'not written or did not verify',
      });
      if (full) throw error;
      throw new AppError(
        'internal',
        `The backup could not be written or did not verify (${error instanceof Error ? error.message : String(error)}). Older backups are untouched.`,
      );
    }
    const pruned = pruneBackupFolder(dir, now());
    if (pruned.length > 0) await audit('backup_pruned', { files: pruned.length });
    const { file, check } = written;
    const copy = copyOut(file, dir, check);
    if (copy) await audit('backup_copy', { file: file.name, copied: copy.ok });
    return { ...file, copy };
  }

  /** Why the restore asked for last did not run at the start after it, if it did not (until another is asked for). */
  async function restoreProblem(): Promise<{ at: string; problem: string } | null> {
    const latest = await db.q
      .selectFrom('audit_log')
      .select(['action', 'ts_utc as at', 'detail_json as detail'])
      .where('action', 'in', ['restore_requested', 'restore', 'restore_failed'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest?.action !== 'restore_failed') return null;
    return { at: latest.at, problem: String((JSON.parse(latest.detail) as { reason?: unknown }).reason) };
  }

  return {
    folder: () => folder(),
    copyFolder: () => deps.copyFolder().trim(),
    /** The last copy to the second folder since VerifyDesk started (null: none tried yet). */
    lastCopy: () => lastCopy,
    restoreProblem,
    /**
     * After a key change: the backups in every folder VerifyDesk keeps them in are re-encrypted with the
     * new key. Folders that are not there (an unplugged drive) are named: their copies still open with
     * the old recovery code until the drive is back (the next copy to it re-encrypts them).
     */
    async reencryptAfterKeyChange(): Promise<{ reencrypted: number; notReached: string[] }> {
      const folders = [...new Set([paths.backupDir, deps.folder().trim(), deps.copyFolder().trim()])].filter(
        (f) => f !== '',
      );
      let reencrypted = 0;
      const notReached: string[] = [];
      for (const dir of folders) {
        if (!existsSync(dir)) notReached.push(dir);
        else reencrypted += reencryptBackups(dir, keys.all()).length;
      }
      return { reencrypted, notReached };
    },
    list: (): BackupFile[] => listBackupFiles(folder()),
    backupNow: () => take('manual'),
    /** At start and every hour: one daily backup per local day. */
    async dailyIfDue(): Promise<(BackupFile & { copy: CopyStatus | null }) | null> {
      const today = localDate(now());
      const done = listBackupFiles(folder()).some(
        (f) => f.kind === 'daily' && localDate(new Date(f.takenAt)) === today,
      );
      return done ? null : take('daily');
    },
    preview(name: string): BackupPreview {
      const file = listBackupFiles(folder()).find((f) => f.name === name);
      if (!file) throw new AppError('not_found', 'That backup is not in the backup folder any more.');
      let check;
      try {
        check = verifyWithAnyKey(path.join(folder(), name), keys.all(), auditChainOf(db).key);
      } catch (error) {
        throw new AppError(
          'validation',
          `This backup does not open or is damaged (${error instanceof Error ? error.message : String(error)}). Choose another.`,
        );
      }
      return {
        name,
        takenAt: file.takenAt,
        schemaVersion: check.schemaVersion,
        patients: check.counts.patients ?? 0,
        calls: check.counts.calls ?? 0,
        estimates: check.counts.estimates ?? 0,
      };
    },
    async restore(name: string): Promise<{ restarting: true }> {
      sqlite();
      const file = listBackupFiles(folder()).find((f) => f.name === name);
      if (!file) throw new AppError('not_found', 'That backup is not in the backup folder any more.');
      const latest = MIGRATIONS[MIGRATIONS.length - 1]!.version;
      try {
        scheduleRestore(paths, path.join(folder(), name), keys.all(), auditChainOf(db).key, latest, now());
      } catch (error) {
        throw new AppError('validation', error instanceof Error ? error.message : String(error));
      }
      await audit('restore_requested', { file: name });
      deps.restart();
      return { restarting: true };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
