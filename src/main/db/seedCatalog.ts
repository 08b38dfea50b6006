// Loads the shipped code catalog into SQLite when the database holds an older catalog version.
// Runs in one transaction and rebuilds the search index, so a crash leaves the old catalog or the new one.
import catalogFile from '../../../resources/catalog/cdt-imaging.json';
import icd10File from '../../../resources/catalog/icd10-imaging.json';
import { catalogFileSchema, icd10FileSchema, KIND_LABELS } from '../../shared/catalog/catalogTypes';
import type { Db } from './connection';
import {
  deleteSearchDocs,
  getLicensedTexts,
  getSeedVersion,
  insertSearchDocs,
  listCatalogCodes,
  listIcd10,
  replaceCatalog,
  setSeedVersion,
  type SearchDoc,
} from './repositories/catalogRepo';

export const SHIPPED_CATALOG_VERSION = catalogFile.catalogVersion;

/** Returns true when it (re)loaded the catalog. */
export function seedCatalog(db: Db): boolean {
  if (getSeedVersion(db, 'catalog') >= SHIPPED_CATALOG_VERSION) return false;
  const catalog = catalogFileSchema.parse(catalogFile);
  const icd10 = icd10FileSchema.parse(icd10File);
  db.transaction(() => {
    replaceCatalog(db, catalog.codes, icd10.codes);
    rebuildCatalogSearch(db);
    setSeedVersion(db, 'catalog', catalog.catalogVersion);
  })();
  return true;
}

/** Re-indexes CDT and ICD-10 entries, with any imported licensed text. Call inside a transaction. */
export function rebuildCatalogSearch(db: Db): void {
  deleteSearchDocs(db, ['cdt', 'icd10']);
  const licensed = getLicensedTexts(db);
  const docs: SearchDoc[] = listCatalogCodes(db).map((c) => {
    const official = licensed.get(c.code);
    return {
      docType: 'cdt',
      ref: c.code,
      kind: c.kind,
      validTo: c.validTo,
      flags: [c.oftenPriorAuth ? 'prior_auth' : '', c.oftenMedical ? 'medical' : ''].join(' ').trim(),
      title: c.summary,
      body: [
        c.subcategory,
        KIND_LABELS[c.kind],
        ...c.confusedWith.map((x) => x.difference),
        ...c.documentation,
        ...c.denialReasons,
        ...c.cpt.map((x) => `${x.code} ${x.note}`),
        ...c.icd10,
        official ? `${official.nomenclature} ${official.descriptor}` : '',
      ].join('\n'),
      synonyms: c.synonyms.join(' '),
    };
  });
  for (const e of listIcd10(db)) {
    docs.push({
      docType: 'icd10',
      ref: e.code,
      kind: null,
      validTo: null,
      flags: e.billable ? 'billable' : '',
      title: e.title,
      body: `${e.code} ${e.note ?? ''}`,
      synonyms: '',
    });
  }
  insertSearchDocs(db, docs);
}
