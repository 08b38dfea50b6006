import path from 'node:path';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import type { DataPaths } from '../../src/main/db/paths';
import { TEST_DB_KEY } from './testDbKey';
import { fixedClock } from './testClock';
import { testAuditChain } from './testAudit';

/** A migrated, seeded app database in a fresh folder from `tempDir`. */
export function openTestAppDb(
  tempDir: () => string,
  now: () => Date = fixedClock(),
): {
  db: Db;
  paths: DataPaths;
  now: () => Date;
} {
  const dir = tempDir();
  const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
  return { db: openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath)).db, paths, now };
}
