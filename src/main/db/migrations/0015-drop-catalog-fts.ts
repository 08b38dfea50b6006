import type { Migration } from '../migrate';

/**
 * The code lookup searches in memory now (src/shared/catalog/catalogSearch.ts: stemming, official
 * diagnosis terms, ranking by what the query asks for, the same engine in main and in the window), so
 * the catalog's FTS5 index and its vocabulary view are no longer read or written.
 */
export const dropCatalogFtsMigration: Migration = {
  version: 15,
  name: 'drop-catalog-fts',
  up(db) {
    db.exec(`
      DROP TABLE catalog_search_vocabulary;
      DROP TABLE catalog_search;
    `);
  },
};
