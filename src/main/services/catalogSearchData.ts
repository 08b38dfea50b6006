// Assembles what the code lookup searches: every CDT code (our summary and words, the practice's licensed
// text if imported), every ICD-10-CM entry with its official inclusion and index terms and our everyday
// words, and one CPT hint per number in the CDT codes' medical cross-walks.
import icd10TermsFile from '../../../resources/catalog/icd10-terms.json';
import staffWordsFile from '../../../resources/catalog/staff-words.json';
import {
  icd10TermsFileSchema,
  KIND_LABELS,
  staffWordsFileSchema,
  type CatalogCode,
  type Icd10Entry,
  type SearchDoc,
  type SearchIndexData,
} from '../../shared/catalog/catalogTypes';
import type { Db } from '../db/connection';
import {
  getLicensedTexts,
  listCatalogCodes,
  listIcd10,
  type LicensedTextRow,
} from '../db/repositories/catalogRepo';

type Term = SearchDoc['terms'][number];

let shippedTerms: { byCode: Map<string, Term[]>; sameWords: string[][] } | null = null;

/** The shipped term lists, checked once: official terms first, then ours. */
function termLists() {
  if (shippedTerms) return shippedTerms;
  const official = icd10TermsFileSchema.parse(icd10TermsFile);
  const ours = staffWordsFileSchema.parse(staffWordsFile);
  const byCode = new Map<string, Term[]>();
  const add = (code: string, terms: Term[]) => byCode.set(code, [...(byCode.get(code) ?? []), ...terms]);
  for (const c of official.codes) {
    add(c.code, [
      ...(c.inclusion ?? []).map((text) => ({ text, source: 'inclusion' as const })),
      ...(c.index ?? []).map((text) => ({ text, source: 'index' as const })),
    ]);
  }
  for (const c of ours.codes)
    add(
      c.code,
      c.words.map((text) => ({ text, source: 'ours' as const })),
    );
  shippedTerms = { byCode, sameWords: ours.sameWords };
  return shippedTerms;
}

/** The terms that find a diagnosis: official ones first, then our everyday words. */
export function icd10Terms(code: string): Term[] {
  return termLists().byCode.get(code) ?? [];
}

function cdtDoc(c: CatalogCode, licensed: LicensedTextRow | undefined): SearchDoc {
  return {
    type: 'cdt',
    code: c.code,
    title: c.summary,
    detail: KIND_LABELS[c.kind],
    kind: c.kind,
    validTo: c.validTo,
    oftenPriorAuth: c.oftenPriorAuth,
    oftenMedical: c.oftenMedical,
    billable: true,
    terms: [
      ...c.synonyms.map((text) => ({ text, source: 'ours' as const })),
      ...(licensed ? [{ text: licensed.nomenclature, source: 'licensed' as const }] : []),
    ],
    body: [
      c.subcategory,
      ...c.confusedWith.map((x) => x.difference),
      ...c.documentation,
      ...c.denialReasons,
      ...c.cpt.map((x) => x.note),
      licensed?.descriptor ?? '',
    ].join('\n'),
    related: [],
  };
}

function icd10Doc(e: Icd10Entry): SearchDoc {
  return {
    type: 'icd10',
    code: e.code,
    title: e.title,
    detail: e.billable ? 'ICD-10-CM, billable' : 'ICD-10-CM, not billable',
    kind: null,
    validTo: null,
    oftenPriorAuth: false,
    oftenMedical: false,
    billable: e.billable,
    terms: icd10Terms(e.code),
    body: e.note ?? '',
    related: [],
  };
}

/** "D0364–D0368, D0380–D0384, D0391": runs of consecutive codes joined. */
export function codeRuns(codes: readonly string[]): string {
  const numbers = codes.map((c) => Number(c.slice(1)));
  const runs: string[] = [];
  for (let i = 0; i < codes.length;) {
    let j = i;
    while (j + 1 < codes.length && numbers[j + 1] === numbers[j]! + 1) j++;
    runs.push(j - i >= 2 ? `${codes[i]}–${codes[j]}` : codes.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return runs.join(', ');
}

/** One hint per CPT number, titled with the note of the first full code that lists it. */
function cptDocs(codes: readonly CatalogCode[]): SearchDoc[] {
  const byCpt = new Map<string, Array<{ code: CatalogCode; note: string }>>();
  for (const code of codes) {
    for (const cpt of code.cpt)
      byCpt.set(cpt.code, [...(byCpt.get(cpt.code) ?? []), { code, note: cpt.note }]);
  }
  return [...byCpt].map(([cpt, uses]) => {
    const lead = uses.find((u) => u.code.kind === 'capture_interpretation') ?? uses[0]!;
    const related = uses.map((u) => u.code.code).sort();
    return {
      type: 'cpt',
      code: cpt,
      title: lead.note,
      detail: `CPT number (medical claims) with ${codeRuns(related)}`,
      kind: null,
      validTo: null,
      oftenPriorAuth: false,
      oftenMedical: false,
      billable: true,
      terms: [],
      body: [...new Set(uses.map((u) => u.note).filter((n) => n !== lead.note))].join('\n'),
      related,
    };
  });
}

export function buildSearchIndexData(db: Db): SearchIndexData {
  const licensed = getLicensedTexts(db);
  const codes = listCatalogCodes(db);
  return {
    docs: [
      ...codes.map((c) => cdtDoc(c, licensed.get(c.code))),
      ...listIcd10(db).map(icd10Doc),
      ...cptDocs(codes),
    ],
    sameWords: termLists().sameWords,
  };
}
