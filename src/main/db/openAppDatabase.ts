// Opens the app's SQLite database, brings it to the current schema and reference data: what startup and
// the harness both do. A restore scheduled by an administrator is carried out first, then checked in
// full; one that cannot be carried out (its backup gone or altered) leaves the data as it was and says why.
import { mkdirSync } from 'node:fs';
import type { AuditChain } from '../audit/auditChain';
import { openAuditTrail, recordAudit, recordEmergencyAccess, recordRestoredHead } from '../audit/auditLog';
import { pruneBackupFolder } from '../backup/backupFiles';
import { applyPendingRestore } from '../backup/restore';
import { sqliteAppDb, type AppDb } from './appDb';
import { openDb, type Db, type DbKey } from './connection';
import {
  migrate,
  migrationNeedsBackup,
  preMigrationBackupName,
  schemaVersion,
  type MigrationResult,
} from './migrate';
import { MIGRATIONS } from './migrations';
import { auditSignaturesMigration } from './migrations/0013-audit-signatures';
import type { DataPaths } from './paths';
import { seedCatalog } from './seedCatalog';

const AT_START = 'VerifyDesk (restore at start)';

const hasEntries = (db: Db) => db.prepare('SELECT 1 FROM audit_log LIMIT 1').get() !== undefined;

/** No accounts yet (or no users table yet): nothing has been recorded that the trail must vouch for. */
const accountCount = (db: Db) =>
  db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'users'").get()
    ? (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n
    : 0;

export interface AppDatabase {
  /** The data layer over the file (the office's data when no office database is set up). */
  db: AppDb;
  /** The same file's connection: the code catalog, and what only SQLite has (backups, key changes). */
  sqlite: Db;
  migration: MigrationResult;
  /** The backup file restored at this start, if one was. */
  restoredFrom: string | null;
  /** Why a scheduled restore did not run (the data is as it was); null when none was scheduled or it ran. */
  restoreProblem: string | null;
}

export async function openAppDatabase(
  paths: DataPaths,
  now: () => Date,
  /** The database key first, then keys it replaced (a scheduled restore of an older backup needs them). */
  keys: readonly DbKey[],
  audit: AuditChain,
  /** `emergency`: this computer just took the data over with the recovery code (a new audit key). */
  options: { emergency?: boolean } = {},
): Promise<AppDatabase> {
  const key = keys[0]!;
  const restore = await applyPendingRestore(paths, keys, audit, now);
  // openDb refuses a missing folder; only then is the backups folder made inside it.
  const sqlite = openDb(paths.dbPath, key);
  const db = sqliteAppDb(sqlite);
  try {
    const from = schemaVersion(sqlite);
    const signs = from >= auditSignaturesMigration.version;
    // The trail's head may start being recorded only for a new database, at the update that starts
    // signing, or at a takeover with the recovery code; any other missing record is a finding.
    await openAuditTrail(db, audit, {
      mayStart: !signs || options.emergency === true || accountCount(sqlite) === 0,
    });
    // The takeover is this computer's first entry, before anything else it signs (walkTrail's rule).
    if (options.emergency && signs) await recordEmergencyAccess(db, now);
    mkdirSync(paths.backupDir, { recursive: true });
    // A copy from a schema that signs its trail carries the entry that records it (backupTrailProblem):
    // the entry is written first, naming the copy.
    let backupName: string | undefined;
    if (migrationNeedsBackup(sqlite, MIGRATIONS)) {
      backupName = preMigrationBackupName(from, now());
      if (signs)
        await recordAudit(
          db,
          {
            who: null,
            otherwise: 'VerifyDesk (update)',
            action: 'backup',
            entity: 'backup',
            detail: { file: backupName, kind: 'pre-migration' },
          },
          now(),
        );
    }
    const migration = migrate(sqlite, MIGRATIONS, { backupDir: paths.backupDir, now, key, backupName });
    if (migration.backupPath) pruneBackupFolder(paths.backupDir, now(), 'pre-migration');
    // The update that starts signing says so first: the unsigned entries before it are vouched for by
    // its link, and only VerifyDesk can write it (walkTrail).
    if (!signs && hasEntries(sqlite))
      await recordAudit(
        db,
        {
          who: null,
          otherwise: 'VerifyDesk (update)',
          action: 'audit_signing',
          entity: 'audit_log',
          detail: { fromSchema: from },
        },
        now(),
      );
    if (options.emergency && !signs) await recordEmergencyAccess(db, now);
    seedCatalog(sqlite);
    if (restore?.restored) {
      const integrity = sqlite.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok')
        throw new Error(`The restored database failed its integrity check: ${String(integrity)}`);
      await recordAudit(
        db,
        {
          who: null,
          otherwise: AT_START,
          action: 'restore',
          entity: 'database',
          // The trail now ends where the backup's did; the head it replaced is named here.
          detail: { file: restore.restored, replacedHead: restore.replacedHead },
        },
        now(),
      );
      await recordRestoredHead(db);
    }
    if (restore?.problem)
      await recordAudit(
        db,
        {
          who: null,
          otherwise: AT_START,
          action: 'restore_failed',
          entity: 'database',
          detail: { file: restore.file, reason: restore.problem },
        },
        now(),
      );
    return {
      db,
      sqlite,
      migration,
      restoredFrom: restore?.restored ?? null,
      restoreProblem: restore?.problem ?? null,
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
