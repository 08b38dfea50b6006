// The app's database for a test: a migrated, seeded SQLite file in a fresh folder, with its audit trail
// open, as startup opens it. `catalog` is the same file's connection (the code catalog stays in SQLite).
import path from 'node:path';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import type { DataPaths } from '../../src/main/db/paths';
import { TEST_DB_KEY } from './testDbKey';
import { fixedClock } from './testClock';
import { testAuditChain } from './testAudit';

export interface TestAppDb {
  db: AppDb;
  /** This desk's SQLite file (its catalog; and on SQLite, the office's data too). */
  catalog: Db;
  paths: DataPaths;
  now: () => Date;
}

const catalogs = new WeakMap<AppDb, Db>();

/** The code catalog that goes with a test database (testServices reads it from here). */
export function catalogOf(db: AppDb): Db {
  const catalog = catalogs.get(db) ?? db.sqlite;
  if (!catalog) throw new Error('This test database has no catalog: open it with openTestAppDb.');
  return catalog;
}

/** A migrated, seeded app database in a fresh folder from `tempDir`. */
export async function openTestAppDb(
  tempDir: () => string,
  now: () => Date = fixedClock(),
): Promise<TestAppDb> {
  const dir = tempDir();
  const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
  const opened = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
  catalogs.set(opened.db, opened.sqlite);
  return { db: opened.db, catalog: opened.sqlite, paths, now };
}
