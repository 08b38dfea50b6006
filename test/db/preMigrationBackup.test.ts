// DB-8 for the copy taken before a schema update: it is written under a temporary name, checked, and
// only then given a backup's name, so a kill at any moment never leaves a damaged file that looks like
// a backup (the review found 2 of 15 kills did, with VACUUM INTO writing the final name directly). Old
// copies are pruned like other backups (kept 90 days, and the newest always).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  backupsToPrune,
  parseBackupName,
  verifyBackupFile,
  type BackupFile,
} from '../../src/main/backup/backupFiles';
import { openDb } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { useTempDirs } from '../helpers/tempDir';
import { fixedClock, TEST_NOW } from '../helpers/testClock';
import { TEST_DB_KEY } from '../helpers/testDbKey';

const CHILD = path.resolve(__dirname, '../fixtures/children/preMigrationBackup.ts');
const RUNS = 6;

/** Starts the child; as soon as any file shows in the backup folder, kills it after `delayMs`. */
function killDuringCopy(dbPath: string, backupDir: string, delayMs: number): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, backupDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const watch = setInterval(() => {
      if (existsSync(backupDir) && readdirSync(backupDir).length > 0) {
        clearInterval(watch);
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    }, 1);
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`child failed (${code}): ${stderr}`));
    });
  });
}

describe('the copy taken before a schema update', () => {
  const tempDir = useTempDirs();

  it(`killed while it is written (${RUNS} times): no damaged file ever carries a backup's name`, async () => {
    // A database one schema behind, big enough that the copy takes a while to write.
    const templateDir = tempDir();
    const template = path.join(templateDir, 'old.sqlite');
    const db = openDb(template, TEST_DB_KEY);
    migrate(db, MIGRATIONS.slice(0, -1), { backupDir: templateDir, now: fixedClock(), key: TEST_DB_KEY });
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 6000; i++) insert.run(`${i}`.padEnd(4000, 'x'));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(statSync(template).size).toBeGreaterThan(20_000_000);

    let killed = 0;
    for (let run = 0; run < RUNS; run++) {
      const dir = tempDir();
      const dbPath = path.join(dir, 'app.sqlite');
      const backupDir = path.join(dir, 'backups');
      mkdirSync(backupDir);
      copyFileSync(template, dbPath);
      if ((await killDuringCopy(dbPath, backupDir, run * 15)) === 'killed') killed++;
      for (const name of readdirSync(backupDir).filter((n) => parseBackupName(n)))
        expect(() => verifyBackupFile(path.join(backupDir, name), TEST_DB_KEY), name).not.toThrow();
    }
    console.log(
      `pre-migration backup kill test: ${killed} of ${RUNS} runs killed while the copy was written`,
    );
    expect(killed).toBeGreaterThan(RUNS / 2);
  }, 120_000);

  it('old copies are pruned: kept 90 days, and the newest always', () => {
    const at = (days: number) => new Date(TEST_NOW.getTime() - days * 86_400_000).toISOString();
    const copy = (name: string, days: number): BackupFile => ({
      name,
      kind: 'pre-migration',
      takenAt: at(days),
      schemaVersion: 11,
      bytes: 1,
    });
    const daily = (name: string, days: number): BackupFile => ({
      name,
      kind: 'daily',
      takenAt: at(days),
      schemaVersion: 12,
      bytes: 1,
    });
    const pruned = backupsToPrune(
      [daily('today', 0), copy('recent', 10), copy('old', 200), copy('older', 400)],
      TEST_NOW,
    );
    expect(pruned.sort()).toEqual(['old', 'older']);
    // The newest is kept however old it is.
    expect(backupsToPrune([daily('today', 0), copy('only', 400)], TEST_NOW)).toEqual([]);
  });

  it('a manual backup is not pushed out by the same day’s daily one', () => {
    const at = (hours: number) => new Date(TEST_NOW.getTime() - hours * 3_600_000).toISOString();
    const files: BackupFile[] = [
      { name: 'daily', kind: 'daily', takenAt: at(0), schemaVersion: 12, bytes: 1 },
      { name: 'manual', kind: 'manual', takenAt: at(2), schemaVersion: 12, bytes: 1 },
    ];
    expect(backupsToPrune(files, TEST_NOW)).toEqual([]);
  });
});
