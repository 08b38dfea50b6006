// Code lookup: search (codes in any form, words, synonyms, one typo), code pages, and the import of
// the practice's licensed CDT text (validated whole, previewed, then applied in one transaction).
import {
  isDeletedOn,
  KIND_LABELS,
  type CodeDetail,
  type Icd10Detail,
  type Icd10Entry,
  type LicensedImportPreview,
  type SearchResponse,
  type SearchResult,
} from '../../shared/catalog/catalogTypes';
import { readLicensedCdtFile } from '../../shared/catalog/licensedImport';
import {
  buildMatchExpression,
  containsPhrase,
  MAX_QUERY_CHARS,
  parseCdtQuery,
  parseIcd10Query,
  queryWords,
} from '../../shared/catalog/searchQuery';
import { TypoIndex } from '../../shared/catalog/typoIndex';
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
  listCodeSummaries,
  type CodeSummary,
  listIcd10WithPrefix,
  searchCatalogDocs,
  searchVocabulary,
  upsertLicensedTexts,
} from '../db/repositories/catalogRepo';
import { rebuildCatalogSearch } from '../db/seedCatalog';

export interface CatalogService {
  search(query: string, limit?: number): SearchResponse;
  getCode(code: string): CodeDetail;
  getIcd10(code: string): Icd10Detail;
  previewImport(fileName: string, bytes: Uint8Array): LicensedImportPreview;
  applyImport(fileName: string, bytes: Uint8Array): { imported: number; skippedUnknown: number };
}

const DEFAULT_LIMIT = 20;

export function createCatalogService(db: Db, now: () => Date): CatalogService {
  let typoIndex: TypoIndex | null = null;
  const typos = () => (typoIndex ??= new TypoIndex(searchVocabulary(db)));

  const cdtResult = (code: CodeSummary, match: SearchResult['match'], today: string): SearchResult => ({
    type: 'cdt',
    code: code.code,
    title: code.summary,
    detail: KIND_LABELS[code.kind],
    deleted: isDeletedOn(code, today),
    oftenPriorAuth: code.oftenPriorAuth,
    oftenMedical: code.oftenMedical,
    match,
  });
  const icdResult = (
    entry: Pick<Icd10Entry, 'code' | 'title' | 'billable'>,
    match: SearchResult['match'],
  ): SearchResult => ({
    type: 'icd10',
    code: entry.code,
    title: entry.title,
    detail: entry.billable ? 'ICD-10-CM, billable' : 'ICD-10-CM, not billable',
    deleted: false,
    oftenPriorAuth: false,
    oftenMedical: false,
    match,
  });

  function search(rawQuery: string, limit = DEFAULT_LIMIT): SearchResponse {
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const today = localDate(now());
    const byCode: SearchResult[] = [];
    const seen = new Set<string>();
    const add = (list: SearchResult[], result: SearchResult) => {
      const key = `${result.type}:${result.code}`;
      if (seen.has(key)) return;
      seen.add(key);
      list.push(result);
    };

    const cdt = parseCdtQuery(query);
    if (cdt.exact) {
      const [exact] = listCodeSummaries(db, cdt.exact, 1);
      if (exact?.code === cdt.exact) add(byCode, cdtResult(exact, 'exact', today));
    }
    for (const prefix of cdt.prefixes) {
      for (const code of listCodeSummaries(db, prefix, limit)) add(byCode, cdtResult(code, 'prefix', today));
    }
    // "D0367" is a CDT code, not ICD-10 "D03.67"; "D10" may be either, so both are tried.
    const icd = cdt.exact ? null : parseIcd10Query(query);
    if (icd) {
      const exact = getIcd10(db, icd);
      if (exact) add(byCode, icdResult(exact, 'exact'));
      for (const entry of listIcd10WithPrefix(db, icd, limit)) add(byCode, icdResult(entry, 'prefix'));
    }

    const words = queryWords(query);
    const corrections: SearchResponse['corrections'] = [];
    const byText: SearchResult[] = [];
    if (words.length > 0) {
      const groups = words.map((word) => {
        const fixes = /\d/.test(word) ? [] : typos().corrections(word);
        if (fixes.length > 0) corrections.push({ from: word, to: fixes });
        return [word, ...fixes];
      });
      let hits = searchCatalogDocs(
        db,
        buildMatchExpression(groups, { prefixLast: true, mode: 'all' }),
        limit * 2,
      );
      if (hits.length === 0 && groups.length > 1) {
        hits = searchCatalogDocs(
          db,
          buildMatchExpression(groups, { prefixLast: true, mode: 'any' }),
          limit * 2,
        );
      }
      // The words as typed (or their likeliest correction), in order, in the summary or synonyms: tier 0.
      const phraseWords = groups.map((g) => (g.length === 1 || typos().has(g[0]!) ? g[0]! : g[1]!));
      const tiered = hits.map((h) => ({
        ...h,
        tier: containsPhrase(h.title, phraseWords) || containsPhrase(h.synonyms, phraseWords) ? 0 : 1,
      }));
      const wantsCaptureOnly = words.includes('capture') || words.includes('tc');
      const textResults = tiered.map((hit) => ({
        tier: hit.tier,
        captureOnly: hit.kind === 'capture_only',
        result:
          hit.docType === 'cdt'
            ? cdtResult(
                {
                  code: hit.ref,
                  summary: hit.title,
                  kind: hit.kind!,
                  validTo: hit.validTo,
                  oftenPriorAuth: hit.flags.includes('prior_auth'),
                  oftenMedical: hit.flags.includes('medical'),
                },
                'text',
                today,
              )
            : icdResult(
                { code: hit.ref, title: hit.title, billable: hit.flags.includes('billable') },
                'text',
              ),
      }));
      // Phrase hits first. Within a tier, the office usually takes and reads its own images, so
      // capture-only codes follow the full codes unless the person asked for capture only.
      // (Stable sort: relevance order is kept otherwise.)
      const demote = (r: { captureOnly: boolean }) => (wantsCaptureOnly ? 0 : Number(r.captureOnly));
      textResults.sort((a, b) => a.tier - b.tier || demote(a) - demote(b));
      for (const { result } of textResults) add(byText, result);
    }

    // Exact code first, then prefixes, then best text match; deleted codes go last (but an exact hit stays first).
    const [exact, rest] = [
      byCode.filter((r) => r.match === 'exact'),
      [...byCode.filter((r) => r.match !== 'exact'), ...byText],
    ];
    const ordered = [...exact, ...rest.filter((r) => !r.deleted), ...rest.filter((r) => r.deleted)];
    return { results: ordered.slice(0, limit), corrections };
  }

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
    db.transaction(() => {
      upsertLicensedTexts(db, rows);
      rebuildCatalogSearch(db);
    })();
    typoIndex = null; // new words may now be searchable
    return { imported: rows.length, skippedUnknown: file.rows.length - rows.length };
  }

  return { search, getCode, getIcd10: getIcd10Detail, previewImport, applyImport };
}
