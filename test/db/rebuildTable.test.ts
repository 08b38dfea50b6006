// DB-7: table rebuilds follow SQLite's 12 steps. A spy on the connection records every statement with
// whether a transaction was open, for the real migration 10 (provenance gains its foreign key to calls);
// a rebuild that would orphan a row aborts with nothing changed; indexes, triggers and views survive.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/connection';
import { migrate, schemaVersion } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { rebuildTable } from '../../src/main/db/rebuildTable';
import { fillLegacyStore } from '../helpers/legacyStore';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';

const now = fixedClock();
const BEFORE_REBUILD = MIGRATIONS.findIndex((m) => m.name === 'provenance-call-key');
/** Up to and including the rebuild (the ledger, later, moves provenance away). */
const THROUGH_REBUILD = MIGRATIONS.slice(0, BEFORE_REBUILD + 1);

/** Every statement the connection runs, tagged with whether a transaction was open. */
function spyOn(db: Db): string[] {
  const log: string[] = [];
  const tag = (sql: string) =>
    log.push(`${db.inTransaction ? 'tx' : 'no tx'}: ${sql.trim().replace(/\s+/g, ' ')}`);
  const exec = db.exec.bind(db);
  const pragma = db.pragma.bind(db);
  const prepare = db.prepare.bind(db);
  db.exec = (sql: string) => (tag(sql), exec(sql));
  db.pragma = ((sql: string, options?: { simple?: boolean }) => (
    tag(`PRAGMA ${sql}`),
    pragma(sql, options)
  )) as Db['pragma'];
  db.prepare = ((sql: string) => (tag(sql), prepare(sql))) as Db['prepare'];
  return log;
}

const provenanceRows = (db: Db) => db.prepare('SELECT * FROM provenance ORDER BY id').all();
const tableSql = (db: Db, name: string) =>
  (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(name) as { sql: string } | undefined)?.sql;

describe('table rebuilds (DB-7)', () => {
  const tempDir = useTempDirs();

  /** A database at the schema before the rebuild, holding a call whose answers wrote provenance rows. */
  function atSchemaBefore(): { db: Db; backupDir: string } {
    const dir = tempDir();
    const db = openDb(path.join(dir, 'app.sqlite'), TEST_DB_KEY);
    migrate(db, MIGRATIONS.slice(0, BEFORE_REBUILD), { backupDir: dir, now, key: TEST_DB_KEY });
    fillLegacyStore(db);
    return { db, backupDir: dir };
  }

  it('runs the 12 steps in order: foreign keys off outside the transaction, check before commit, then on', () => {
    const { db, backupDir } = atSchemaBefore();
    const before = provenanceRows(db);
    expect(before.some((r) => (r as { call_id: number | null }).call_id !== null)).toBe(true);
    const log = spyOn(db);
    migrate(db, THROUGH_REBUILD, { backupDir, now, key: TEST_DB_KEY });

    const steps = [
      'no tx: PRAGMA foreign_keys = OFF',
      'tx: CREATE TABLE "new_provenance"',
      'tx: INSERT INTO "new_provenance"',
      'tx: DROP TABLE "provenance"',
      'tx: ALTER TABLE "new_provenance" RENAME TO "provenance"',
      'tx: PRAGMA foreign_key_check',
      'tx: PRAGMA user_version = 10',
      'no tx: PRAGMA foreign_keys = ON',
    ];
    const positions = steps.map((step) => log.findIndex((line) => line.startsWith(step)));
    expect(
      positions.every((p) => p >= 0),
      JSON.stringify(log, null, 1),
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);

    // Same rows, the new key in force, foreign keys on again, the file sound.
    expect(provenanceRows(db)).toEqual(before);
    expect(db.pragma('foreign_key_list(provenance)')).toEqual([
      expect.objectContaining({ table: 'calls', from: 'call_id', to: 'id', on_delete: 'RESTRICT' }),
    ]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() =>
      db
        .prepare(
          "INSERT INTO provenance (source, recorded_by, recorded_at, call_id) VALUES ('call', 'x', '2020-01-01T00:00:00.000Z', 9999)",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('a rebuild that would orphan a row aborts with nothing changed', () => {
    const { db, backupDir } = atSchemaBefore();
    db.prepare(
      "INSERT INTO provenance (source, recorded_by, recorded_at, call_id) VALUES ('call', 'x', '2020-01-01T00:00:00.000Z', 9999)",
    ).run();
    const sqlBefore = tableSql(db, 'provenance');
    const rowsBefore = provenanceRows(db);

    expect(() => migrate(db, THROUGH_REBUILD, { backupDir, now, key: TEST_DB_KEY })).toThrow(
      /Rebuilding provenance would leave 1 row\(s\) in provenance pointing at rows that do not exist/,
    );
    expect(schemaVersion(db)).toBe(BEFORE_REBUILD);
    expect(tableSql(db, 'provenance')).toBe(sqlBefore);
    expect(tableSql(db, 'new_provenance')).toBeUndefined();
    expect(provenanceRows(db)).toEqual(rowsBefore);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('keeps the indexes, triggers and views of the rebuilt table, and refuses to run the wrong way', () => {
    const db = openDb(path.join(tempDir(), 'plain.sqlite'), TEST_DB_KEY);
    db.exec(`
      CREATE TABLE owners (id INTEGER PRIMARY KEY) STRICT;
      CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES owners (id), name TEXT NOT NULL) STRICT;
      CREATE INDEX pets_by_owner ON pets (owner_id);
      CREATE TABLE pet_log (pet_id INTEGER, what TEXT) STRICT;
      CREATE TRIGGER pets_logged AFTER INSERT ON pets BEGIN INSERT INTO pet_log VALUES (NEW.id, 'added'); END;
      CREATE VIEW pet_names AS SELECT name FROM pets ORDER BY name;
      INSERT INTO owners VALUES (1);
      INSERT INTO pets VALUES (1, 1, 'Rex');
    `);
    const newPets = {
      table: 'pets',
      createSql:
        'CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER NOT NULL REFERENCES owners (id), name TEXT NOT NULL CHECK (length(name) <= 20)) STRICT',
      columns: ['id', 'owner_id', 'name'],
    };
    // Inside no transaction, or with foreign keys on, the steps would not be safe: refused.
    expect(() => rebuildTable(db, newPets)).toThrow(/inside the migration transaction/);
    expect(() => db.transaction(() => rebuildTable(db, newPets))()).toThrow(/foreign keys off/);

    db.pragma('foreign_keys = OFF');
    db.transaction(() => rebuildTable(db, newPets))();
    db.pragma('foreign_keys = ON');
    expect(tableSql(db, 'pets')).toMatch(/CHECK \(length\(name\) <= 20\)/);
    expect(tableSql(db, 'pets_by_owner')).toBeDefined();
    db.prepare("INSERT INTO pets VALUES (2, 1, 'Ada')").run();
    expect(db.prepare('SELECT * FROM pet_names').all()).toEqual([{ name: 'Ada' }, { name: 'Rex' }]);
    expect(db.prepare('SELECT count(*) AS n FROM pet_log').get()).toEqual({ n: 2 }); // Rex, then Ada after the rebuild
    expect(() => db.prepare("INSERT INTO pets VALUES (3, 1, 'a name far longer than twenty')").run()).toThrow(
      /CHECK/,
    );
    db.close();
  });
});
