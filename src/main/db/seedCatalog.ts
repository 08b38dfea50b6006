// Loads the shipped code catalog into SQLite when the database holds an older catalog version.
// Runs in one transaction, so a crash leaves the old catalog or the new one.
import catalogFile from '../../../resources/catalog/cdt-imaging.json';
import icd10File from '../../../resources/catalog/icd10-imaging.json';
import { catalogFileSchema, icd10FileSchema } from '../../shared/catalog/catalogTypes';
import type { Db } from './connection';
import { getSeedVersion, replaceCatalog, setSeedVersion } from './repositories/catalogRepo';

export const SHIPPED_CATALOG_VERSION = catalogFile.catalogVersion;

/** Returns true when it (re)loaded the catalog. */
export function seedCatalog(db: Db): boolean {
  if (getSeedVersion(db, 'catalog') >= SHIPPED_CATALOG_VERSION) return false;
  const catalog = catalogFileSchema.parse(catalogFile);
  const icd10 = icd10FileSchema.parse(icd10File);
  db.transaction(() => {
    replaceCatalog(db, catalog.codes, icd10.codes);
    setSeedVersion(db, 'catalog', catalog.catalogVersion);
  })();
  return true;
}
