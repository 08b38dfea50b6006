// Opens the app's database, brings it to the current schema and reference data: what startup and the
// harness both do.
import { mkdirSync } from 'node:fs';
import { openDb, type Db } from './connection';
import { migrate, type MigrationResult } from './migrate';
import { MIGRATIONS } from './migrations';
import type { DataPaths } from './paths';
import { seedCatalog } from './seedCatalog';

export function openAppDatabase(paths: DataPaths, now: () => Date): { db: Db; migration: MigrationResult } {
  const db = openDb(paths.dbPath);
  try {
    mkdirSync(paths.backupDir, { recursive: true });
    const migration = migrate(db, MIGRATIONS, { backupDir: paths.backupDir, now });
    seedCatalog(db);
    return { db, migration };
  } catch (error) {
    db.close();
    throw error;
  }
}
