// The drop-catalog-fts migration drops the catalog's FTS5 index (the lookup searches in memory): a store made before it
// loses the index tables, keeps its catalog and the practice's licensed text, and searches as before.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/connection';
import { migrate, schemaVersion } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { dropCatalogFtsMigration } from '../../src/main/db/migrations/0015-drop-catalog-fts';
import { seedCatalog } from '../../src/main/db/seedCatalog';
import { createCatalogService } from '../../src/main/services/catalogService';
import { fixedClock } from '../helpers/testClock';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';

const now = fixedClock();
const names = (db: Db) =>
  (
    db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'catalog_search%'").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);

describe('drop-catalog-fts migration', () => {
  const tempDir = useTempDirs();

  it('drops the index and its vocabulary; the catalog, licensed text and search stay', () => {
    const dir = tempDir();
    const db = openDb(path.join(dir, 'app.sqlite'), TEST_DB_KEY);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < dropCatalogFtsMigration.version),
      { backupDir: dir, now, key: TEST_DB_KEY },
    );
    seedCatalog(db);
    db.prepare(
      `INSERT INTO licensed_cdt_texts (code, nomenclature, descriptor, imported_at, source_file)
       VALUES ('D0367', 'Synthetic name', 'Synthetic descriptor with wombatword', ?, 'cdt.csv')`,
    ).run(now().toISOString());
    expect(names(db)).toEqual(expect.arrayContaining(['catalog_search', 'catalog_search_vocabulary']));

    migrate(db, MIGRATIONS, { backupDir: dir, now, key: TEST_DB_KEY });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(names(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM catalog_codes').get()).toEqual({ n: 63 });
    const catalog = createCatalogService(db, now);
    expect(catalog.search('wombatword').results[0]?.code).toBe('D0367');
    expect(catalog.search('cbct both jaws').results[0]?.code).toBe('D0367');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
