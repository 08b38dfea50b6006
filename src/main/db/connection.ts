// Opens the SQLite file encrypted (SQLCipher 4 format: AES-256 with an HMAC-SHA512 on every page, a raw
// 256-bit key, no password derivation), with the pragmas durability depends on, reads every one back,
// and checks the file. The cipher is not FIPS-validated; the practice's risk analysis should say so.
import Database from 'better-sqlite3-multiple-ciphers';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/**
 * The values each pragma must read back as, set on every open (synchronous especially: WAL reopens at
 * NORMAL; cache_size is per connection).
 */
export const REQUIRED_PRAGMAS = {
  journal_mode: 'wal',
  // FULL: every commit is flushed before it returns, so a committed answer is on disk (what the
  // power-cut test checks, cutting at every flush of a call).
  synchronous: 2,
  foreign_keys: 1,
  busy_timeout: 5000,
  trusted_schema: 0,
  temp_store: 2, // MEMORY: no temp files with patient data beside the database.
  // 64 MiB of page cache (negative = KiB) instead of 2 MiB: worklists over years of calls stay in memory.
  cache_size: -65536,
} as const;

export class DatabaseOpenError extends Error {
  constructor(
    readonly reason: 'missing_folder' | 'read_only' | 'damaged' | 'pragma_mismatch' | 'newer_version',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

/** The raw 32-byte database key. */
export type DbKey = Buffer;

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Applies the cipher and key: before any other statement, or SQLite reads the file as plaintext. */
export function applyKey(db: Db, key: DbKey, pragma: 'key' | 'rekey'): void {
  if (key.length !== 32) throw new Error('The database key must be 32 bytes.');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
}

function isPlaintextDatabase(filePath: string): boolean {
  if (!existsSync(filePath) || statSync(filePath).size < PLAINTEXT_HEADER.length) return false;
  const fd = openSync(filePath, 'r');
  try {
    const head = Buffer.alloc(PLAINTEXT_HEADER.length);
    readSync(fd, head, 0, head.length, 0);
    return head.equals(PLAINTEXT_HEADER);
  } finally {
    closeSync(fd);
  }
}

/**
 * True when the file holds encrypted data, which only its own key (or the recovery code) opens. A missing
 * or empty file, or a plaintext database from before encryption, gets a new key instead.
 */
export function holdsEncryptedData(filePath: string): boolean {
  return existsSync(filePath) && statSync(filePath).size > 0 && !isPlaintextDatabase(filePath);
}

/**
 * A database from before encryption is encrypted in place: rekey rewrites every page inside one
 * rollback-journal transaction (WAL is switched off for it), so a crash leaves it whole, old or new.
 */
function encryptInPlace(filePath: string, key: DbKey): void {
  const db = new Database(filePath);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    applyKey(db, key, 'rekey');
  } finally {
    db.close();
  }
}

/**
 * A copy of the database (a backup being checked, a restore being prepared), opened with its key and
 * nothing else: not the live database, so none of openDb's pragmas or checks.
 */
export function openCopy(filePath: string, key: DbKey, options: { readonly: boolean }): Db {
  const db = new Database(filePath, { readonly: options.readonly, fileMustExist: true });
  try {
    applyKey(db, key, 'key');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function openDb(filePath: string, key: DbKey): Db {
  const folder = path.dirname(filePath);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new DatabaseOpenError(
      'missing_folder',
      `VerifyDesk cannot find the folder for its database (${folder}). Check that the folder exists and that this user may write to it.`,
    );
  }
  const readOnly = notWritable([folder, filePath, `${filePath}-wal`, `${filePath}-shm`]);
  if (readOnly) {
    // SQLite would open a read-only file read-only without a word (every check passes, every write
    // fails), and a read-only folder looks like a damaged database: neither is, and no restore helps.
    throw new DatabaseOpenError(
      'read_only',
      `VerifyDesk cannot write to ${readOnly}, so it cannot keep its data there. Nothing was changed. Ask your administrator to give this Windows user write access to that folder and its files (or move the data to a folder this user can write to), then start VerifyDesk again.`,
    );
  }
  let db: Db;
  try {
    if (isPlaintextDatabase(filePath)) encryptInPlace(filePath, key);
    db = new Database(filePath);
  } catch (error) {
    throw damaged(filePath, error);
  }
  try {
    applyKey(db, key, 'key');
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

/** The first of `paths` that exists and this process may not write (a read-only file, folder or drive), or null. */
function notWritable(paths: readonly string[]): string | null {
  for (const candidate of paths) {
    if (!existsSync(candidate)) continue;
    try {
      accessSync(candidate, constants.W_OK);
    } catch {
      return candidate;
    }
  }
  return null;
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
  // The first finding only: quick_check can list every bad page, which helps nobody reading a screen.
  const full = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0]!;
  const detail = full.length > 160 ? `${full.slice(0, 160)}…` : full;
  return new DatabaseOpenError(
    'damaged',
    `The database file ${filePath} is damaged, is not a VerifyDesk database, or does not open with this computer's key (${detail}). Nothing was changed. Restore it from a backup, or open it with the recovery code.`,
  );
}
