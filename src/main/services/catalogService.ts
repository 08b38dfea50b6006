// Code lookup: search (codes in any form, words, official diagnosis terms, our everyday words, one
// typo), code pages, and the import of the practice's licensed CDT text (validated whole, previewed,
// then applied in one transaction).
import { CatalogSearch } from '../../shared/catalog/catalogSearch';
import {
  isDeletedOn,
  type CodeDetail,
  type Icd10Detail,
  type LicensedImportPreview,
  type SearchIndexData,
  type SearchResponse,
} from '../../shared/catalog/catalogTypes';
import { readLicensedCdtFile } from '../../shared/catalog/licensedImport';
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import type { Db } from '../db/connection';
import {
  getCatalogCode,
  getCatalogCodes,
  getIcd10,
  getIcd10Many,
  getLicensedTexts,
  listCodesUsingIcd10,
  upsertLicensedTexts,
} from '../db/repositories/catalogRepo';
import { buildSearchIndexData, icd10Terms } from './catalogSearchData';

export interface CatalogService {
  search(query: string, limit?: number): SearchResponse;
  /** Everything the lookup searches, for the window to search itself while someone types. */
  searchIndex(): SearchIndexData;
  getCode(code: string): CodeDetail;
  getIcd10(code: string): Icd10Detail;
  previewImport(fileName: string, bytes: Uint8Array): LicensedImportPreview;
  applyImport(fileName: string, bytes: Uint8Array): { imported: number; skippedUnknown: number };
}

export function createCatalogService(db: Db, now: () => Date): CatalogService {
  // Built on first use (the window asks for the index when the search box first shows) and again after
  // an import changes what is searchable. The catalog itself only changes when the app is updated.
  let index: { data: SearchIndexData; engine: CatalogSearch } | null = null;
  const searchable = () => {
    if (!index) {
      const data = buildSearchIndexData(db);
      index = { data, engine: new CatalogSearch(data) };
    }
    return index;
  };

  const search = (query: string, limit?: number): SearchResponse =>
    searchable().engine.search(query, { today: localDate(now()), limit });

  function getCode(code: string): CodeDetail {
    const entry = getCatalogCode(db, code);
    if (!entry)
      throw new AppError('not_found', `${code} is not in VerifyDesk's imaging code catalog.`, 'code');
    const others = getCatalogCodes(
      db,
      entry.confusedWith.map((c) => c.code),
    );
    const licensed = getLicensedTexts(db).get(code);
    return {
      code: entry,
      deleted: isDeletedOn(entry, localDate(now())),
      licensed: licensed
        ? {
            nomenclature: licensed.nomenclature,
            descriptor: licensed.descriptor,
            importedAt: licensed.importedAt,
            sourceFile: licensed.sourceFile,
          }
        : null,
      confusedWith: entry.confusedWith.map((c) => ({ ...c, summary: others.get(c.code)?.summary ?? null })),
      icd10: getIcd10Many(db, entry.icd10),
    };
  }

  function getIcd10Detail(code: string): Icd10Detail {
    const entry = getIcd10(db, code);
    if (!entry) throw new AppError('not_found', `${code} is not in VerifyDesk's ICD-10-CM list.`, 'code');
    return {
      entry,
      terms: icd10Terms(code),
      usedBy: listCodesUsingIcd10(db, code).map((c) => ({ code: c.code, summary: c.summary })),
    };
  }

  function previewImport(fileName: string, bytes: Uint8Array): LicensedImportPreview {
    const file = readLicensedCdtFile(bytes);
    const known = getCatalogCodes(
      db,
      file.rows.map((r) => r.code),
    );
    const existing = getLicensedTexts(db);
    let newCount = 0;
    let changedCount = 0;
    let unchangedCount = 0;
    const unknown: string[] = [];
    for (const row of file.rows) {
      if (!known.has(row.code)) {
        unknown.push(row.code);
        continue;
      }
      const before = existing.get(row.code);
      if (!before) newCount++;
      else if (before.nomenclature !== row.nomenclature || before.descriptor !== row.descriptor)
        changedCount++;
      else unchangedCount++;
    }
    return {
      fileName,
      rowCount: file.rows.length + file.issues.length,
      newCount,
      changedCount,
      unchangedCount,
      unknownCodes: unknown.slice(0, 50),
      unknownCount: unknown.length,
      issues: file.issues.slice(0, 200),
      issueCount: file.issues.length,
    };
  }

  function applyImport(fileName: string, bytes: Uint8Array): { imported: number; skippedUnknown: number } {
    const file = readLicensedCdtFile(bytes);
    if (file.issues.length > 0) {
      throw new AppError(
        'validation',
        `Nothing was imported: the file has ${file.issues.length} problem${file.issues.length === 1 ? '' : 's'}. ${file.issues[0]!.message}`,
      );
    }
    const known = getCatalogCodes(
      db,
      file.rows.map((r) => r.code),
    );
    const importedAt = now().toISOString();
    const rows = file.rows
      .filter((r) => known.has(r.code))
      .map((r) => ({
        code: r.code,
        nomenclature: r.nomenclature,
        descriptor: r.descriptor,
        importedAt,
        sourceFile: fileName,
      }));
    db.transaction(() => upsertLicensedTexts(db, rows))();
    index = null; // the official names and descriptors are searchable now
    return { imported: rows.length, skippedUnknown: file.rows.length - rows.length };
  }

  return {
    search,
    searchIndex: () => searchable().data,
    getCode,
    getIcd10: getIcd10Detail,
    previewImport,
    applyImport,
  };
}
