// Opens the app's database, brings it to the current schema and reference data: what startup and the
// harness both do. A restore scheduled by an administrator is carried out first, then checked in full.
import { mkdirSync } from 'node:fs';
import { recordAudit } from '../audit/auditLog';
import { applyPendingRestore } from '../backup/restore';
import { openDb, type Db, type DbKey } from './connection';
import { migrate, type MigrationResult } from './migrate';
import { MIGRATIONS } from './migrations';
import type { DataPaths } from './paths';
import { seedCatalog } from './seedCatalog';

export function openAppDatabase(
  paths: DataPaths,
  now: () => Date,
  key: DbKey,
  /** Keys replaced by a key change: a scheduled restore of an older backup needs them. */
  olderKeys: readonly DbKey[] = [],
): { db: Db; migration: MigrationResult; restoredFrom: string | null } {
  const restoredFrom = applyPendingRestore(paths, [key, ...olderKeys], now);
  // openDb refuses a missing folder; only then is the backups folder made inside it.
  const db = openDb(paths.dbPath, key);
  try {
    mkdirSync(paths.backupDir, { recursive: true });
    const migration = migrate(db, MIGRATIONS, { backupDir: paths.backupDir, now });
    seedCatalog(db);
    if (restoredFrom) {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok')
        throw new Error(`The restored database failed its integrity check: ${String(integrity)}`);
      recordAudit(
        db,
        {
          who: null,
          otherwise: 'VerifyDesk (restore at start)',
          action: 'restore',
          entity: 'database',
          detail: { file: restoredFrom },
        },
        now(),
      );
    }
    return { db, migration, restoredFrom };
  } catch (error) {
    db.close();
    throw error;
  }
}
