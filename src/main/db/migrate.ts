// Brings a database to the newest schema: one transaction per migration with its user_version bump,
// a backup before the first pending one, and a refusal to touch a database from a newer app.
import path from 'node:path';
import { writeVerifiedCopy } from '../backup/backupFiles';
import { DatabaseOpenError, type Db, type DbKey } from './connection';

export interface Migration {
  version: number;
  name: string;
  /** Rebuilds tables (rebuildTable.ts): foreign keys go off around its transaction, as SQLite requires. */
  rebuildsTables?: true;
  up(db: Db): void;
}

export interface MigrationResult {
  from: number;
  to: number;
  backupPath: string | null;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

/** Registry sanity: versions must be 1, 2, 3, ... in order, so a gap or a duplicate is a bug caught early. */
export function assertRegistry(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}; expected ${index + 1}.`,
      );
    }
  });
}

export interface MigrateOptions {
  backupDir: string;
  now: () => Date;
  /** The database's key: the copy taken before migrating is opened with it and checked. */
  key: DbKey;
  /**
   * The copy's file name, when the caller chose it (preMigrationBackupName) to record it in the audit
   * trail first, so the copy holds that entry.
   */
  backupName?: string;
}

/** The name of the copy taken before migrating from `version` at `at`. */
export function preMigrationBackupName(version: number, at: Date): string {
  return `pre-migration-v${version}-${at.toISOString().replace(/[:.]/g, '-')}.sqlite`;
}

/** Whether migrate() will take a copy first (there are pending migrations and data to copy). */
export function migrationNeedsBackup(db: Db, migrations: readonly Migration[]): boolean {
  return schemaVersion(db) < latestVersion(migrations) && hasUserTables(db);
}

export function migrate(db: Db, migrations: readonly Migration[], options: MigrateOptions): MigrationResult {
  assertRegistry(migrations);
  const from = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (from > latest) {
    throw new DatabaseOpenError(
      'newer_version',
      `This database was written by a newer version of VerifyDesk (schema ${from}; this version knows up to ${latest}). ` +
        'Nothing was changed. Install the newer VerifyDesk, or restore a backup made by this version.',
    );
  }
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from, backupPath: null };

  const backupPath = hasUserTables(db) ? backupBeforeMigration(db, from, options) : null;
  for (const migration of pending) {
    const apply = db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    if (!migration.rebuildsTables) {
      apply();
      continue;
    }
    // Steps 1 and 12 of the rebuild: outside the transaction (inside one the pragma does nothing).
    db.pragma('foreign_keys = OFF');
    try {
      apply();
    } finally {
      db.pragma('foreign_keys = ON');
    }
  }
  const orphans = db.pragma('foreign_key_check') as unknown[];
  if (orphans.length > 0) {
    throw new Error(
      `After migrating, ${orphans.length} rows point at missing rows. Restore ${backupPath ?? 'a backup'}.`,
    );
  }
  return { from, to: latest, backupPath };
}

function hasUserTables(db: Db): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as {
    n: number;
  };
  return row.n > 0;
}

function backupBeforeMigration(db: Db, version: number, options: MigrateOptions): string {
  const name = options.backupName ?? preMigrationBackupName(version, options.now());
  // Through a temporary name, checked before it gets this one: a kill leaves no damaged file under a
  // backup's name (VACUUM INTO writes a consistent copy through SQLite; copying the live file could tear).
  const target = path.join(options.backupDir, name);
  writeVerifiedCopy(db, options.key, target);
  return target;
}
