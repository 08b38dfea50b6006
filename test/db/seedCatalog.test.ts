import { describe, expect, it } from 'vitest';
import { seedCatalog, SHIPPED_CATALOG_VERSION } from '../../src/main/db/seedCatalog';
import { getSeedVersion, setSeedVersion } from '../../src/main/db/repositories/catalogRepo';
import { createCatalogService } from '../../src/main/services/catalogService';
import { openTestAppDb } from '../helpers/appDb';
import { useTempDirs } from '../helpers/tempDir';

describe('catalog seed', () => {
  const tempDir = useTempDirs();

  it('loads the shipped catalog once, at its version, and is a no-op after that', async () => {
    const { db } = await openTestAppDb(tempDir);
    expect(getSeedVersion(db.sqlite!, 'catalog')).toBe(SHIPPED_CATALOG_VERSION);
    expect(db.sqlite!.prepare('SELECT count(*) AS n FROM catalog_codes').get()).toEqual({ n: 63 });
    expect(seedCatalog(db.sqlite!)).toBe(false);
    await db.close();
  });

  it('reloads when the database holds an older catalog, keeping the licensed text in the index', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const catalog = createCatalogService(db.sqlite!, now);
    catalog.applyImport('cdt.csv', new TextEncoder().encode('D0367,Synthetic name,quokkaword\n'));
    db.sqlite!.prepare("UPDATE catalog_codes SET summary = 'stale summary' WHERE code = 'D0367'").run();
    setSeedVersion(db.sqlite!, 'catalog', SHIPPED_CATALOG_VERSION - 1);
    expect(seedCatalog(db.sqlite!)).toBe(true);
    expect(catalog.getCode('D0367').code.summary).toMatch(/Cone-beam CT/);
    expect(catalog.search('quokkaword').results[0]?.code).toBe('D0367');
    const docs = catalog.searchIndex().docs;
    expect(docs.filter((d) => d.type === 'cdt')).toHaveLength(63);
    expect(docs.filter((d) => d.type === 'icd10')).toHaveLength(238);
    await db.close();
  });
});
