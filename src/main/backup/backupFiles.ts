// Backup files: written through SQLite (VACUUM INTO keeps the cipher and key), flushed, verified by
// opening them, then given their final name; kept by a retention rule that never drops the newest of
// each kind. Nothing here copies, moves or deletes the live database.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import type { AuditKey } from '../audit/auditChain';
import { backupTrailProblem } from '../audit/auditLog';
import { applyKey, openCopy, type Db, type DbKey } from '../db/connection';

export type BackupKind = 'daily' | 'manual' | 'pre-restore';

/** A backup with this name (this millisecond) is already there; it is never written over. */
export class BackupExistsError extends Error {
  constructor(name: string) {
    super(`a backup named ${name} already exists`);
    this.name = 'BackupExistsError';
  }
}

export interface BackupFile {
  name: string;
  kind: BackupKind | 'pre-migration';
  /** UTC time the backup was taken. */
  takenAt: string;
  schemaVersion: number;
  bytes: number;
}

const NAME = /^(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)-v(\d+)-(daily|manual|pre-restore)\.sqlite$/;
const PRE_MIGRATION = /^pre-migration-v(\d+)-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z)\.sqlite$/;

const stampOf = (at: Date) => at.toISOString().replace(/[:.]/g, '-');
const isoOf = (stamp: string) => stamp.replace(/T(\d\d)-(\d\d)-(\d\d)-(\d{3})Z$/, 'T$1:$2:$3.$4Z');

export function parseBackupName(name: string): Omit<BackupFile, 'bytes'> | null {
  const m = NAME.exec(name);
  if (m) return { name, kind: m[3] as BackupKind, takenAt: isoOf(m[1]!), schemaVersion: Number(m[2]) };
  const p = PRE_MIGRATION.exec(name);
  if (p) return { name, kind: 'pre-migration', takenAt: isoOf(p[2]!), schemaVersion: Number(p[1]) };
  return null;
}

export function listBackupFiles(dir: string): BackupFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const parsed = parseBackupName(name);
      return parsed ? [{ ...parsed, bytes: statSync(path.join(dir, name)).size }] : [];
    })
    .sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/** Row count per table: what a verified backup must match. */
export function tableCounts(db: Db): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as Array<{ name: string }>;
  // Table names come from the database's own schema, quoted as identifiers.
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (db.prepare(`SELECT count(*) AS n FROM "${name.replace(/"/g, '""')}"`).get() as { n: number }).n,
    ]),
  );
}

export interface BackupCheck {
  schemaVersion: number;
  counts: Record<string, number>;
}

/**
 * Opens a backup read-only with the key and checks it through: pages, references, and (with `auditKey`,
 * before a restore) its audit trail. Throws with the reason when it fails.
 */
export function verifyBackupFile(
  file: string,
  key: DbKey,
  expected?: BackupCheck,
  auditKey?: AuditKey,
): BackupCheck {
  const copy = openCopy(file, key, { readonly: true });
  try {
    const integrity = copy.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`integrity check: ${String(integrity)}`);
    const orphans = copy.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw new Error(`${orphans.length} rows point at missing rows`);
    const found: BackupCheck = {
      schemaVersion: copy.pragma('user_version', { simple: true }) as number,
      counts: tableCounts(copy),
    };
    if (expected) {
      if (found.schemaVersion !== expected.schemaVersion) throw new Error('schema version differs');
      for (const [table, n] of Object.entries(expected.counts)) {
        if (found.counts[table] !== n) throw new Error(`${table} has ${found.counts[table]} rows, not ${n}`);
      }
    }
    if (auditKey) {
      const name = path.basename(file);
      const problem = backupTrailProblem(copy, auditKey, parseBackupName(name) ? name : null);
      if (problem) throw new Error(problem);
    }
    return found;
  } finally {
    copy.close();
  }
}

/**
 * Verifies with whichever of the keys opens the file (backups from before a key change); its key too.
 * With `auditKey`, its audit trail is checked as well (a restore is about to trust it).
 */
export function verifyWithAnyKey(
  file: string,
  keys: readonly DbKey[],
  auditKey?: AuditKey,
): BackupCheck & { key: DbKey } {
  // When none opens it, the check with the current key says why (not a database, damaged, another's).
  const key = keys.find((candidate) => opensWith(file, candidate)) ?? keys[0]!;
  return { ...verifyBackupFile(file, key, undefined, auditKey), key };
}

function opensWith(file: string, key: DbKey): boolean {
  try {
    const copy = openCopy(file, key, { readonly: true });
    try {
      copy.prepare('SELECT count(*) FROM sqlite_schema').get();
      return true;
    } finally {
      copy.close();
    }
  } catch {
    return false;
  }
}

/** Flushes a file (opened for writing: Windows refuses to flush a read-only handle) or, on POSIX, a folder. */
export function fsyncPath(target: string, kind: 'file' | 'folder' = 'file'): void {
  const fd = openSync(target, kind === 'file' ? 'r+' : 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `target` through a temporary name beside it: write, flush, open and check it against
 * `expected`, rename, flush the folder. A failure removes the temporary file and leaves everything else
 * as it was.
 */
function writeThroughTemp(
  target: string,
  key: DbKey,
  expected: BackupCheck,
  write: (temp: string) => void,
): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.tmp`);
  try {
    write(temp);
    fsyncPath(temp);
    verifyBackupFile(temp, key, expected);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  if (process.platform !== 'win32') fsyncPath(dir, 'folder'); // the rename itself survives a power cut
}

/**
 * A checked copy of the open database at `target` (one connection: no write lands in between). Returns
 * what it was checked against, so a further copy of it is checked against the same without re-reading.
 */
export function writeVerifiedCopy(db: Db, key: DbKey, target: string): BackupCheck {
  const expected: BackupCheck = {
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    counts: tableCounts(db),
  };
  writeThroughTemp(target, key, expected, (temp) => db.prepare('VACUUM INTO ?').run(temp));
  return expected;
}

/** The name of a backup of `db` taken now: its time, schema version and kind. */
export function backupName(db: Db, kind: BackupKind, at: Date): string {
  return `${stampOf(at)}-v${db.pragma('user_version', { simple: true }) as number}-${kind}.sqlite`;
}

/** A verified backup named `name` (backupName) in `dir`; never over an existing one. */
export function writeBackupFile(
  db: Db,
  key: DbKey,
  dir: string,
  name: string,
): { file: BackupFile; check: BackupCheck } {
  // Never over an existing backup (two in the same millisecond, or a clock set back).
  if (existsSync(path.join(dir, name))) throw new BackupExistsError(name);
  const check = writeVerifiedCopy(db, key, path.join(dir, name));
  return { file: { ...parseBackupName(name)!, bytes: statSync(path.join(dir, name)).size }, check };
}

/** Re-encrypts a copy (not the live database) from one key to another, in one rollback-journal transaction. */
export function reencryptFile(file: string, from: DbKey, to: DbKey): void {
  const db = openCopy(file, from, { readonly: false });
  try {
    db.pragma('journal_mode = DELETE');
    applyKey(db, to, 'rekey');
  } finally {
    db.close();
  }
}

/**
 * After a key change (ENC-8): every backup in `dir` that still opens with an older key gets the current
 * one (keys[0]), through a checked temporary copy renamed over it, so the old recovery code no longer
 * opens it. Files no key opens are left alone. Returns the names re-encrypted.
 */
export function reencryptBackups(dir: string, keys: readonly DbKey[]): string[] {
  const [current, ...older] = keys;
  const done: string[] = [];
  for (const file of listBackupFiles(dir)) {
    const target = path.join(dir, file.name);
    if (opensWith(target, current!)) continue;
    const old = older.find((key) => opensWith(target, key));
    if (!old) continue;
    const expected = verifyBackupFile(target, old);
    writeThroughTemp(target, current!, expected, (temp) => {
      copyFileSync(target, temp);
      reencryptFile(temp, old, current!);
    });
    done.push(file.name);
  }
  return done;
}

/**
 * Copies a finished backup into another folder (a USB drive, a network share) the same careful way; the
 * copy itself is opened and checked against what the original was checked against.
 */
export function copyBackupFile(source: string, dir: string, key: DbKey, expected: BackupCheck): BackupFile {
  const name = path.basename(source);
  const parsed = parseBackupName(name);
  if (!parsed) throw new Error(`${name} is not a backup name`);
  if (existsSync(path.join(dir, name))) throw new BackupExistsError(name);
  writeThroughTemp(path.join(dir, name), key, expected, (temp) => copyFileSync(source, temp));
  return { ...parsed, bytes: statSync(path.join(dir, name)).size };
}

const DAY_MS = 86_400_000;
/** How long copies taken before a schema update are kept (the newest is kept regardless). */
export const PRE_MIGRATION_KEEP_DAYS = 90;

/**
 * Which backups to delete. Daily and manual backups each keep the newest of each of the last 7 days, 4
 * weeks and 12 months (a manual backup is never pushed out by the same day's daily one); the newest
 * backup of all, every pre-restore copy, and copies taken before a schema update for 90 days (and the
 * newest of them) are kept. Pure, so the rule is tested on its own.
 */
export function backupsToPrune(files: readonly BackupFile[], now: Date): string[] {
  const keep = new Set<string>();
  const sorted = [...files].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  if (sorted[0]) keep.add(sorted[0].name);
  const ageIn = (file: BackupFile, size: number) =>
    Math.floor((now.getTime() - Date.parse(file.takenAt)) / size);
  const buckets: Array<{ size: number; count: number }> = [
    { size: DAY_MS, count: 7 },
    { size: 7 * DAY_MS, count: 4 },
    { size: 30 * DAY_MS, count: 12 },
  ];
  for (const kind of ['daily', 'manual'] as const) {
    const ofKind = sorted.filter((f) => f.kind === kind);
    for (const { size, count } of buckets) {
      const seen = new Set<number>();
      for (const file of ofKind) {
        const age = ageIn(file, size);
        if (age < count && !seen.has(age)) {
          seen.add(age);
          keep.add(file.name);
        }
      }
    }
  }
  const preMigration = sorted.filter((f) => f.kind === 'pre-migration');
  if (preMigration[0]) keep.add(preMigration[0].name);
  for (const file of preMigration) if (ageIn(file, DAY_MS) < PRE_MIGRATION_KEEP_DAYS) keep.add(file.name);
  return sorted.filter((f) => f.kind !== 'pre-restore' && !keep.has(f.name)).map((f) => f.name);
}

/** Deletes what the retention rule drops in `dir` (only backups of `kind`, when given); returns their names. */
export function pruneBackupFolder(dir: string, now: Date, kind?: BackupFile['kind']): string[] {
  const files = listBackupFiles(dir);
  const pruned = backupsToPrune(files, now).filter(
    (name) => kind === undefined || files.find((f) => f.name === name)?.kind === kind,
  );
  for (const name of pruned) rmSync(path.join(dir, name), { force: true });
  return pruned;
}

/**
 * Temporary files a killed backup, copy or key change left (".<backup name>.tmp"): only VerifyDesk writes
 * them, one at a time, so any found before a new backup starts is an orphan.
 */
export function sweepTemporaryFiles(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') && name.endsWith('.tmp') && parseBackupName(name.slice(1, -4)))
      rmSync(path.join(dir, name), { force: true });
  }
}
