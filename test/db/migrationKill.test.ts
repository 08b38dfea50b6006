// A migration killed with SIGKILL at a random point leaves either the old schema or the new one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/connection';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';

const CHILD = path.resolve(__dirname, '../fixtures/children/slowMigration.ts');
const RUNS = 16;

function runAndKill(
  dbPath: string,
  backupDir: string,
  killAfterProgress: number,
): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, backupDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = 0;
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      seen += (chunk.toString().match(/PROGRESS/g) ?? []).length;
      if (!killed && seen > killAfterProgress) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`child failed (${code}): ${stderr}`));
    });
  });
}

describe('migration killed midway', () => {
  const tempDir = useTempDirs();

  it(`leaves all-old or all-new schema over ${RUNS} random kills`, async () => {
    const outcomes = { old: 0, new: 0 };
    for (let run = 0; run < RUNS; run++) {
      const dir = tempDir();
      const dbPath = path.join(dir, 'app.sqlite');
      // Migration 2 prints 400 PROGRESS lines; aiming past the end lets some runs finish cleanly.
      const killAt = Math.floor(Math.random() * 480);
      await runAndKill(dbPath, dir, killAt);
      const db = openDb(dbPath, TEST_DB_KEY); // runs quick_check
      const version = db.pragma('user_version', { simple: true }) as number;
      const names = (
        db.prepare("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name").all() as Array<{
          name: string;
        }>
      ).map((r) => r.name);
      const columns = (db.prepare('PRAGMA table_info(base)').all() as Array<{ name: string }>).map(
        (c) => c.name,
      );
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      if (version === 1) {
        outcomes.old++;
        expect(names).toEqual(['base']);
        expect(columns).toEqual(['id', 'v']);
      } else {
        outcomes.new++;
        expect(version).toBe(2);
        expect(names).toEqual(['added', 'base']);
        expect(columns).toEqual(['id', 'v', 'extra']);
        expect((db.prepare('SELECT count(*) AS n FROM added').get() as { n: number }).n).toBe(80_000);
      }
      db.close();
    }
    console.log(
      `migration kill test: ${RUNS} runs, ${outcomes.old} left at the old schema, ${outcomes.new} at the new`,
    );
    // Kills land mid-migration (PROGRESS only prints during migration 2), so most runs must end old.
    expect(outcomes.old).toBeGreaterThan(0);
  });

  it('control: the same check does notice a half-applied schema when migrations are not transactional', () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'half.sqlite');
    const raw = new Database(dbPath);
    raw.exec('CREATE TABLE base (id INTEGER PRIMARY KEY, v TEXT) STRICT; PRAGMA user_version = 1;');
    // What a non-transactional migration killed midway would leave: new table, old version.
    raw.exec('CREATE TABLE added (id INTEGER PRIMARY KEY, v TEXT) STRICT');
    raw.close();
    const db = openDb(dbPath, TEST_DB_KEY);
    const version = db.pragma('user_version', { simple: true });
    const names = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name").all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    expect(version === 1 && names.join() === 'base').toBe(false);
    db.close();
  });
});
