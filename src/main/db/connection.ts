// Opens the SQLite file with the pragmas durability depends on, reads every one back, and checks the file.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/**
 * The values each pragma must read back as, set on every open (synchronous especially: WAL reopens at
 * NORMAL; cache_size is per connection).
 */
export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  synchronous: 2, // FULL: a committed answer survives a power cut.
  foreign_keys: 1,
  busy_timeout: 5000,
  trusted_schema: 0,
  temp_store: 2, // MEMORY: no temp files with patient data beside the database.
  // 64 MiB of page cache (negative = KiB) instead of 2 MiB: worklists over years of calls stay in memory.
  cache_size: -65536,
} as const;

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'missing_folder' | 'damaged' | 'pragma_mismatch' | 'newer_version',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export function openDb(filePath: string): Db {
  const folder = path.dirname(filePath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new DatabaseOpenError(
      'missing_folder',
      `VerifyDesk cannot find the folder for its database (${folder}). Check that the folder exists and that this user may write to it.`,
    );
  }
  let db: Db;
  try {
    db = new Database(filePath);
  } catch (error) {
    throw damaged(filePath, error);
  }
  try {
    for (const [name, value] of Object.entries(REQUIRED_PRAGMAS)) db.pragma(`${name} = ${value}`);
    assertPragmas(db);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check reported: ${String(check)}`);
  } catch (error) {
    db.close();
    if (error instanceof DatabaseOpenError) throw error;
    throw damaged(filePath, error);
  }
  return db;
}

export function readPragmas(db: Db): Record<keyof typeof REQUIRED_PRAGMAS, string | number> {
  const read = (name: string) => db.pragma(name, { simple: true }) as string | number;
  return {
    journal_mode: read('journal_mode'),
    synchronous: read('synchronous'),
    foreign_keys: read('foreign_keys'),
    busy_timeout: read('busy_timeout'),
    trusted_schema: read('trusted_schema'),
    temp_store: read('temp_store'),
    cache_size: read('cache_size'),
  };
}

function assertPragmas(db: Db): void {
  const actual = readPragmas(db);
  for (const [name, expected] of Object.entries(REQUIRED_PRAGMAS)) {
    const got = actual[name as keyof typeof REQUIRED_PRAGMAS];
    if (got !== expected) {
      throw new DatabaseOpenError(
        'pragma_mismatch',
        `The database could not be opened safely: setting ${name} is ${String(got)}, expected ${String(expected)}.`,
      );
    }
  }
}

function damaged(filePath: string, cause: unknown): DatabaseOpenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new DatabaseOpenError(
    'damaged',
    `The database file ${filePath} is damaged or is not a VerifyDesk database (${detail}). Nothing was changed. Restore it from a backup.`,
  );
}
