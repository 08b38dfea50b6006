// The app's database for a test, on the engine of this run (testEngine.ts): a migrated, seeded SQLite
// file in a fresh folder, or a fresh office database on the test PostgreSQL server copied from the
// migrated template; the audit trail open as startup opens it. `catalog` is this desk's SQLite file,
// whose code catalog stays local whichever engine holds the office's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import type { DataPaths } from '../../src/main/db/paths';
import { openOfficeDatabase } from '../../src/main/db/pg/openOfficeDatabase';
import { TEST_DB_KEY } from './testDbKey';
import { fixedClock } from './testClock';
import { TEST_AUDIT_KEY, testAuditChain } from './testAudit';
import { createTestPgDatabase, dropTestPgDatabase, TEST_ENGINE, testPgConnection } from './testEngine';

export interface TestAppDb {
  db: AppDb;
  /** This desk's SQLite file (its catalog; and on SQLite, the office's data too). */
  catalog: Db;
  paths: DataPaths;
  now: () => Date;
  /** The same data opened again, as the next start of the app opens it (close the first one before). */
  reopen(): Promise<AppDb>;
}

const catalogs = new WeakMap<AppDb, Db>();

/** Says which desk file's catalog goes with an office database opened elsewhere (the browser harness). */
export function rememberCatalog(db: AppDb, catalog: Db): void {
  catalogs.set(db, catalog);
}

/** The code catalog that goes with a test database (testServices reads it from here). */
export function catalogOf(db: AppDb): Db {
  const catalog = catalogs.get(db) ?? db.sqlite;
  if (!catalog) throw new Error('This test database has no catalog: open it with openTestAppDb.');
  return catalog;
}

/** One desk's SQLite file per test process for the PostgreSQL runs: only its catalog is read. */
let desk: Promise<{ catalog: Db; paths: DataPaths }> | null = null;
function deskFile(): Promise<{ catalog: Db; paths: DataPaths }> {
  desk ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-desk-'));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
    const paths = { dbPath: path.join(dir, 'desk.sqlite'), backupDir: path.join(dir, 'backups') };
    const opened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    return { catalog: opened.sqlite, paths };
  })();
  return desk;
}

/** This test process's desk file, whose code catalog a desk on an office database of its own reads. */
export async function testDeskCatalog(): Promise<Db> {
  return (await deskFile()).catalog;
}

/** The office database on the test server: a copy of the template, dropped when the test ends. */
export async function openTestOfficeDb(now: () => Date = fixedClock()): Promise<{ db: AppDb; name: string }> {
  // Imported here, not at the top: the benches (run by tsx as CommonJS, outside Vitest) use this module
  // for SQLite, and Vitest refuses to be required there.
  const { inject, onTestFinished } = await import('vitest');
  const name = await createTestPgDatabase(inject('pgTemplate'));
  const { db } = await openOfficeDatabase(testPgConnection(name), now, TEST_AUDIT_KEY);
  onTestFinished(async () => {
    await db.close();
    await dropTestPgDatabase(name);
  });
  return { db, name };
}

/** A migrated, seeded app database in a fresh folder from `tempDir` (or on the test server). */
export async function openTestAppDb(
  tempDir: () => string,
  now: () => Date = fixedClock(),
): Promise<TestAppDb> {
  if (TEST_ENGINE === 'postgres') {
    const { db, name } = await openTestOfficeDb(now);
    const { catalog, paths } = await deskFile();
    catalogs.set(db, catalog);
    const reopen = async () => {
      const again = (await openOfficeDatabase(testPgConnection(name), now, TEST_AUDIT_KEY)).db;
      catalogs.set(again, catalog);
      (await import('vitest')).onTestFinished(() => again.close());
      return again;
    };
    return { db, catalog, paths, now, reopen };
  }
  const dir = tempDir();
  const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
  const opened = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
  catalogs.set(opened.db, opened.sqlite);
  const reopen = async () =>
    (await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath))).db;
  return { db: opened.db, catalog: opened.sqlite, paths, now, reopen };
}
