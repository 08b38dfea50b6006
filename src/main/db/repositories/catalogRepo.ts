// SQL for the code catalog, ICD-10 entries and licensed CDT text. (Search runs in memory: catalogSearch.ts.)
import type { CatalogCode, Icd10Entry } from '../../../shared/catalog/catalogTypes';
import type { Db } from '../connection';
import { stmt } from '../statements';

interface CodeRow {
  code: string;
  subcategory: string;
  kind: CatalogCode['kind'];
  summary: string;
  valid_from: string | null;
  valid_to: string | null;
  dates_uncertain: number;
  often_prior_auth: number;
  often_medical: number;
  details_json: string;
}

type CodeDetails = Pick<
  CatalogCode,
  'confusedWith' | 'documentation' | 'denialReasons' | 'cpt' | 'icd10' | 'synonyms'
>;

function toCode(row: CodeRow): CatalogCode {
  const details = JSON.parse(row.details_json) as CodeDetails;
  return {
    code: row.code,
    subcategory: row.subcategory,
    kind: row.kind,
    summary: row.summary,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    datesUncertain: row.dates_uncertain === 1,
    oftenPriorAuth: row.often_prior_auth === 1,
    oftenMedical: row.often_medical === 1,
    ...details,
  };
}

function toIcd(row: { code: string; title: string; billable: number; note: string | null }): Icd10Entry {
  return { code: row.code, title: row.title, billable: row.billable === 1, note: row.note };
}

export function replaceCatalog(db: Db, codes: readonly CatalogCode[], icd10: readonly Icd10Entry[]): void {
  stmt(db, 'DELETE FROM catalog_codes').run();
  stmt(db, 'DELETE FROM icd10_codes').run();
  const insertCode = stmt(
    db,
    `INSERT INTO catalog_codes (code, subcategory, kind, summary, valid_from, valid_to, dates_uncertain,
       often_prior_auth, often_medical, details_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const c of codes) {
    const details: CodeDetails = {
      confusedWith: c.confusedWith,
      documentation: c.documentation,
      denialReasons: c.denialReasons,
      cpt: c.cpt,
      icd10: c.icd10,
      synonyms: c.synonyms,
    };
    insertCode.run(
      c.code,
      c.subcategory,
      c.kind,
      c.summary,
      c.validFrom,
      c.validTo,
      c.datesUncertain ? 1 : 0,
      c.oftenPriorAuth ? 1 : 0,
      c.oftenMedical ? 1 : 0,
      JSON.stringify(details),
    );
  }
  const insertIcd = stmt(db, 'INSERT INTO icd10_codes (code, title, billable, note) VALUES (?, ?, ?, ?)');
  for (const e of icd10) insertIcd.run(e.code, e.title, e.billable ? 1 : 0, e.note);
}

export function getCatalogCode(db: Db, code: string): CatalogCode | null {
  const row = stmt(db, 'SELECT * FROM catalog_codes WHERE code = ?').get(code) as CodeRow | undefined;
  return row ? toCode(row) : null;
}

export function catalogCodeSummary(db: Db, code: string): string | null {
  const row = stmt(db, 'SELECT summary FROM catalog_codes WHERE code = ?').get(code) as
    { summary: string } | undefined;
  return row?.summary ?? null;
}

export function getCatalogCodes(db: Db, codes: readonly string[]): Map<string, CatalogCode> {
  if (codes.length === 0) return new Map();
  const rows = stmt(db, 'SELECT * FROM catalog_codes WHERE code IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(codes),
  ) as CodeRow[];
  return new Map(rows.map((r) => [r.code, toCode(r)]));
}

export function listCatalogCodes(db: Db): CatalogCode[] {
  return (stmt(db, 'SELECT * FROM catalog_codes ORDER BY code').all() as CodeRow[]).map(toCode);
}

export function listCodesUsingIcd10(db: Db, icd: string): CatalogCode[] {
  return (
    stmt(
      db,
      `SELECT c.* FROM catalog_codes c
         WHERE EXISTS (SELECT 1 FROM json_each(c.details_json, '$.icd10') j WHERE j.value = ?) ORDER BY c.code`,
    ).all(icd) as CodeRow[]
  ).map(toCode);
}

export function getIcd10(db: Db, code: string): Icd10Entry | null {
  const row = stmt(db, 'SELECT * FROM icd10_codes WHERE code = ?').get(code) as
    Parameters<typeof toIcd>[0] | undefined;
  return row ? toIcd(row) : null;
}

export function listIcd10(db: Db): Icd10Entry[] {
  return (
    stmt(db, 'SELECT * FROM icd10_codes ORDER BY code').all() as Array<Parameters<typeof toIcd>[0]>
  ).map(toIcd);
}

export function getIcd10Many(db: Db, codes: readonly string[]): Icd10Entry[] {
  return (
    stmt(db, 'SELECT * FROM icd10_codes WHERE code IN (SELECT value FROM json_each(?)) ORDER BY code').all(
      JSON.stringify(codes),
    ) as Array<Parameters<typeof toIcd>[0]>
  ).map(toIcd);
}

export interface LicensedTextRow {
  code: string;
  nomenclature: string;
  descriptor: string;
  importedAt: string;
  sourceFile: string;
}

export function getLicensedTexts(db: Db): Map<string, LicensedTextRow> {
  const rows = stmt(
    db,
    'SELECT code, nomenclature, descriptor, imported_at AS importedAt, source_file AS sourceFile FROM licensed_cdt_texts',
  ).all() as LicensedTextRow[];
  return new Map(rows.map((r) => [r.code, r]));
}

export function upsertLicensedTexts(db: Db, rows: readonly LicensedTextRow[]): void {
  const upsert = stmt(
    db,
    `INSERT INTO licensed_cdt_texts (code, nomenclature, descriptor, imported_at, source_file) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (code) DO UPDATE SET nomenclature = excluded.nomenclature, descriptor = excluded.descriptor,
       imported_at = excluded.imported_at, source_file = excluded.source_file`,
  );
  for (const r of rows) upsert.run(r.code, r.nomenclature, r.descriptor, r.importedAt, r.sourceFile);
}

export function getSeedVersion(db: Db, name: string): number {
  const row = stmt(db, 'SELECT version FROM seed_versions WHERE name = ?').get(name) as
    { version: number } | undefined;
  return row?.version ?? 0;
}

export function setSeedVersion(db: Db, name: string, version: number): void {
  stmt(
    db,
    'INSERT INTO seed_versions (name, version) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET version = excluded.version',
  ).run(name, version);
}
