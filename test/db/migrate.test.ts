import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/connection';
import { migrate, schemaVersion, type Migration } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { TEST_NOW, fixedClock } from '../helpers/testClock';

const now = fixedClock();

const tables = (db: Db) =>
  (
    db
      .prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as Array<{ name: string }>
  ).map((r) => r.name);

const createTable = (version: number, name: string): Migration => ({
  version,
  name,
  up: (db) => db.exec(`CREATE TABLE ${name} (id INTEGER PRIMARY KEY) STRICT`),
});

describe('migrate', () => {
  const tempDir = useTempDirs();
  const open = () => {
    const dir = tempDir();
    return { db: openDb(path.join(dir, 'app.sqlite'), TEST_DB_KEY), backupDir: dir };
  };

  it('applies pending migrations in order and records the version', () => {
    const { db, backupDir } = open();
    const order: number[] = [];
    const registry: Migration[] = [1, 2, 3].map((v) => ({
      version: v,
      name: `m${v}`,
      up: (d) => {
        order.push(v);
        d.exec(`CREATE TABLE t${v} (id INTEGER PRIMARY KEY) STRICT`);
      },
    }));
    expect(migrate(db, registry.slice(0, 1), { backupDir, now, key: TEST_DB_KEY })).toMatchObject({
      from: 0,
      to: 1,
    });
    const result = migrate(db, registry, { backupDir, now, key: TEST_DB_KEY });
    expect(order).toEqual([1, 2, 3]);
    expect(result).toMatchObject({ from: 1, to: 3 });
    expect(schemaVersion(db)).toBe(3);
    expect(migrate(db, registry, { backupDir, now, key: TEST_DB_KEY })).toEqual({
      from: 3,
      to: 3,
      backupPath: null,
    });
    db.close();
  });

  it('backs up the database before the first pending migration, and not for a brand-new file', () => {
    const { db, backupDir } = open();
    expect(migrate(db, [createTable(1, 'a')], { backupDir, now, key: TEST_DB_KEY }).backupPath).toBeNull();
    db.prepare('INSERT INTO a (id) VALUES (42)').run();
    const { backupPath } = migrate(db, [createTable(1, 'a'), createTable(2, 'b')], {
      backupDir,
      now,
      key: TEST_DB_KEY,
    });
    expect(backupPath).toBe(
      path.join(backupDir, `pre-migration-v1-${TEST_NOW.toISOString().replace(/[:.]/g, '-')}.sqlite`),
    );
    expect(existsSync(backupPath!)).toBe(true);
    // The backup is encrypted with the same key (VACUUM INTO keeps the cipher).
    expect(readFileSync(backupPath!).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const copy = openDb(backupPath!, TEST_DB_KEY);
    expect(copy.pragma('user_version', { simple: true })).toBe(1);
    expect(copy.prepare('SELECT id FROM a').all()).toEqual([{ id: 42 }]);
    copy.close();
    db.close();
  });

  it('refuses a database written by a newer version and changes nothing', () => {
    const { db, backupDir } = open();
    db.pragma('user_version = 7');
    expect(() => migrate(db, [createTable(1, 'a')], { backupDir, now, key: TEST_DB_KEY })).toThrow(
      /written by a newer version of VerifyDesk \(schema 7; this version knows up to 1\)/,
    );
    expect(schemaVersion(db)).toBe(7);
    expect(tables(db)).toEqual([]);
    expect(readdirSync(backupDir).filter((f) => f.startsWith('pre-migration'))).toEqual([]);
    db.close();
  });

  it('a migration that fails midway leaves the previous schema and version, never a mix', () => {
    const { db, backupDir } = open();
    migrate(db, [createTable(1, 'a')], { backupDir, now, key: TEST_DB_KEY });
    const failing: Migration = {
      version: 2,
      name: 'fails halfway',
      up: (d) => {
        d.exec('CREATE TABLE b (id INTEGER PRIMARY KEY) STRICT; ALTER TABLE a ADD COLUMN note TEXT;');
        throw new Error('disk went away');
      },
    };
    expect(() =>
      migrate(db, [createTable(1, 'a'), failing, createTable(3, 'c')], { backupDir, now, key: TEST_DB_KEY }),
    ).toThrow('disk went away');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    expect((db.prepare('PRAGMA table_info(a)').all() as Array<{ name: string }>).map((c) => c.name)).toEqual([
      'id',
    ]);
    db.close();
  });

  it('rejects a registry with a gap or a duplicate version', () => {
    const { db, backupDir } = open();
    expect(() =>
      migrate(db, [createTable(1, 'a'), createTable(3, 'c')], { backupDir, now, key: TEST_DB_KEY }),
    ).toThrow(/expected 2/);
    expect(() =>
      migrate(db, [createTable(1, 'a'), createTable(1, 'b')], { backupDir, now, key: TEST_DB_KEY }),
    ).toThrow(/expected 2/);
    db.close();
  });

  it('the shipped registry migrates a fresh database and passes integrity and foreign-key checks', () => {
    const { db, backupDir } = open();
    migrate(db, MIGRATIONS, { backupDir, now, key: TEST_DB_KEY });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
