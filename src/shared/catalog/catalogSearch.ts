// The code lookup's search engine, pure and in memory: CDT codes, ICD-10-CM diagnoses and CPT hints,
// found by code (any form), by words (stemmed, one typo, the last word as typed so far), by official
// ICD-10-CM inclusion and index terms and by our everyday words; ranked by what the query asks for,
// then by how much of it an entry holds; returned in groups (CDT, ICD-10-CM, CPT), best group first.
// Main runs it for the catalog:search channel; the window runs the same code on the same entries, so a
// keystroke is answered in the frame it was typed in.
import {
  RESULT_TYPES,
  type ResultType,
  type SearchDoc,
  type SearchIndexData,
  type SearchResponse,
  type SearchResult,
  type TermSource,
} from './catalogTypes';
import { conceptOf, isStopWord, modalitiesIn, modalitiesOf, type Concept } from './searchIntents';
import { foldedWords, MAX_QUERY_CHARS, parseCdtQuery, parseIcd10Query, queryWords } from './searchQuery';
import { stem } from './stem';
import { TypoIndex } from './typoIndex';

export const DEFAULT_GROUP_LIMIT = 20;

/** Where in an entry a word was found: its title, one of its terms, or the rest of what it says. */
const TITLE = 0;
const TERM = 1;
const BODY = 2;
const FIELD_WEIGHT = [1, 0.9, 0.3];

/** How well a query word matched: as typed (or stemmed), a same-meaning word, a prefix, a typo fix. */
const EXACT = 1;
const SAME_WORD = 0.85;
const PREFIX = 0.75;
const SHORT_PREFIX = 0.5;
const TYPO = 0.6;
/** Bounds what one short prefix ("s") can cost. */
const MAX_PREFIX_TOKENS = 80;

interface Entry {
  field: number;
  text: string;
  source: TermSource | null;
  stems: string[];
  /** Words that are not stop words ("of", "the"): what an entry's density is measured against. */
  meaningful: number;
}

interface IndexedDoc {
  doc: SearchDoc;
  entries: Entry[];
  modalities: readonly string[];
}

/** Where a stem occurs: one doc, its best field there, and the entries holding it. */
interface Posting {
  doc: number;
  field: number;
  entries: number[];
}

/** How one query word matched one doc. */
interface Hit {
  weight: number;
  quality: number;
  field: number;
  entries: number[];
  stems: string[];
}

/** One word of the query, with every stem that counts as a match for it and how well. */
interface QueryTerm {
  word: string;
  concept: Concept | null;
  alternatives: Map<string, number>;
}

/** The keys of a doc's match that cost little to work out, in ranking order. */
interface Light {
  index: number;
  type: ResultType;
  conceptHits: number;
  modalityHits: number;
  coverage: number;
  strongCoverage: number;
  /** Query words found as typed (or as another form of the same word), not as a prefix or typo fix. */
  exactCount: number;
}

function compareLight(a: Light, b: Light): number {
  return (
    b.conceptHits - a.conceptHits ||
    b.modalityHits - a.modalityHits ||
    b.coverage - a.coverage ||
    b.strongCoverage - a.strongCoverage ||
    b.exactCount - a.exactCount
  );
}

interface EntryMatch {
  count: number;
  ordered: number;
  whole: number;
  density: number;
}

/** A doc's whole match: the light keys, then the ones that need its entries read. */
interface Candidate extends Light {
  demoted: number;
  entryCoverage: number;
  ordered: number;
  /** The best entry is nothing but the query's words ("pano", "jaw pain"). */
  wholeEntry: number;
  /** How much of that entry the query's words make up: "Fracture of mandible, unspecified" over a long title. */
  density: number;
  billable: number;
  score: number;
  via: SearchResult['via'];
}

const CODE_QUALITY = { exact: 2, prefix: 1, text: 0 } as const;

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    compareLight(a, b) ||
    // A capture-only (or interpretation-only) code follows the full codes that match as much of the
    // query, whatever its phrase matches say: the office usually takes and reads its own images.
    a.demoted - b.demoted ||
    // A diagnosis that can go on a claim before a header that cannot.
    b.billable - a.billable ||
    b.entryCoverage - a.entryCoverage ||
    b.ordered - a.ordered ||
    b.wholeEntry - a.wholeEntry ||
    b.density - a.density ||
    b.score - a.score ||
    a.index - b.index
  );
}

/**
 * How two groups compare: by how much of the query their best hit holds, and how well; what the query
 * asks for (a modality, a kind of code) only breaks ties here, so a CPT hint that holds every word of
 * "ct face without contrast" is not put behind CDT codes that only share the modality.
 */
function compareGroupLeaders(a: Candidate, b: Candidate): number {
  return (
    b.coverage - a.coverage ||
    b.strongCoverage - a.strongCoverage ||
    b.exactCount - a.exactCount ||
    b.conceptHits - a.conceptHits ||
    b.modalityHits - a.modalityHits ||
    b.entryCoverage - a.entryCoverage ||
    b.ordered - a.ordered ||
    b.wholeEntry - a.wholeEntry
  );
}

export class CatalogSearch {
  private readonly docs: IndexedDoc[];
  private readonly byCode = new Map<string, number>();
  private readonly postings = new Map<string, Posting[]>();
  /** Every distinct word as written in the catalog, sorted, for prefix lookups. */
  private readonly tokens: string[];
  private readonly stemOfToken = new Map<string, string>();
  private readonly typos: TypoIndex;
  private readonly sameWords = new Map<string, string[]>();

  constructor(data: SearchIndexData) {
    // Docs are kept in code order so that ties list codes the way a code book does.
    const sorted = [...data.docs].sort(
      (a, b) => RESULT_TYPES.indexOf(a.type) - RESULT_TYPES.indexOf(b.type) || a.code.localeCompare(b.code),
    );
    const tokenCounts = new Map<string, number>();
    // Most words recur across entries (the catalog has about a thousand distinct ones): stem each once.
    const stemOf = (word: string) => {
      let s = this.stemOfToken.get(word);
      if (s === undefined) {
        s = stem(word);
        this.stemOfToken.set(word, s);
      }
      return s;
    };
    this.docs = sorted.map((doc, docIndex) => {
      this.byCode.set(`${doc.type}:${doc.code}`, docIndex);
      const entries: Entry[] = [
        { field: TITLE, text: doc.title, source: null, stems: [], meaningful: 0 },
        ...doc.terms.map((t) => ({ field: TERM, text: t.text, source: t.source, stems: [], meaningful: 0 })),
        { field: BODY, text: doc.body, source: null, stems: [], meaningful: 0 },
      ];
      entries.forEach((entry, entryIndex) => {
        const words = foldedWords(entry.text);
        entry.stems = words.map(stemOf);
        entry.meaningful = Math.max(1, entry.stems.filter((st) => !isStopWord(st)).length);
        const seen = new Set<string>();
        words.forEach((word, i) => {
          const s = entry.stems[i]!;
          if (!seen.has(word)) tokenCounts.set(word, (tokenCounts.get(word) ?? 0) + 1);
          seen.add(word);
          const list = this.postings.get(s);
          const last = list?.[list.length - 1];
          if (last?.doc === docIndex) {
            if (last.entries[last.entries.length - 1] !== entryIndex) last.entries.push(entryIndex);
            last.field = Math.min(last.field, entry.field);
          } else {
            const posting = { doc: docIndex, field: entry.field, entries: [entryIndex] };
            if (list) list.push(posting);
            else this.postings.set(s, [posting]);
          }
        });
      });
      const modalities =
        doc.type === 'cdt'
          ? modalitiesOf(doc.code)
          : doc.type === 'cpt'
            ? [...new Set(doc.related.flatMap((c) => modalitiesOf(c)))]
            : [];
      return { doc, entries, modalities };
    });
    this.tokens = [...tokenCounts.keys()].sort();
    this.typos = new TypoIndex(tokenCounts);
    for (const group of data.sameWords) {
      const groupStems = [...new Set(group.flatMap((w) => foldedWords(w)).map((w) => stem(w)))];
      for (const s of groupStems) {
        const others = groupStems.filter((o) => o !== s);
        this.sameWords.set(s, [...(this.sameWords.get(s) ?? []), ...others]);
      }
    }
  }

  search(rawQuery: string, options: { today: string; limit?: number }): SearchResponse {
    const limit = options.limit ?? DEFAULT_GROUP_LIMIT;
    const query = rawQuery.slice(0, MAX_QUERY_CHARS);
    const deletedToday = (doc: SearchDoc) => doc.validTo !== null && doc.validTo < options.today;

    const words = queryWords(query);
    const lastIsPartial = words.length > 0 && !/[\s\p{P}]$/u.test(query);
    const wantsDeleted = words.some((w) => conceptOf(stem(w)) === 'deleted');

    // Codes typed as codes come first in their group: exact, then the codes that start that way.
    const codeHits = new Map<number, 'exact' | 'prefix'>();
    const addCode = (type: ResultType, code: string, match: 'exact' | 'prefix') => {
      const index = this.byCode.get(`${type}:${code}`);
      if (index === undefined || codeHits.has(index)) return;
      if (match === 'prefix' && deletedToday(this.docs[index]!.doc) && !wantsDeleted) return;
      codeHits.set(index, match);
    };
    const cdt = parseCdtQuery(query);
    if (cdt.exact) addCode('cdt', cdt.exact, 'exact');
    for (const prefix of cdt.prefixes)
      this.codesStarting('cdt', prefix, limit).forEach((c) => addCode('cdt', c, 'prefix'));
    // "D0367" is a CDT code, not ICD-10 "D03.67"; "D10" may be either, so both are tried.
    const icd = cdt.exact ? null : parseIcd10Query(query);
    if (icd) {
      addCode('icd10', icd, 'exact');
      this.codesStarting('icd10', icd, limit).forEach((c) => addCode('icd10', c, 'prefix'));
    }
    const cpt = /^\s*(\d{3,4}[0-9T]?)\s*$/i.exec(query)?.[1]?.toUpperCase();
    if (cpt) {
      addCode('cpt', cpt, 'exact');
      this.codesStarting('cpt', cpt, limit).forEach((c) => addCode('cpt', c, 'prefix'));
    }

    // A code typed alone is a code: its number inside other entries' notes is not a word match.
    const codeOnly = codeHits.size > 0 && words.length === 1;
    const corrections: SearchResponse['corrections'] = [];
    const terms = codeOnly ? [] : this.queryTerms(words, lastIsPartial, corrections);
    // A modality typed with a typo ("ultrasond") is still the modality.
    const corrected = words.map((w) => corrections.find((c) => c.from === w)?.to[0] ?? w);
    const modalities = codeOnly ? new Set<string>() : modalitiesIn(corrected, lastIsPartial);
    const candidates = this.rank(terms, modalities, deletedToday, limit);

    // Group, best group first; inside a group, typed codes first, then the ranking.
    const groups = RESULT_TYPES.map((type) => {
      const codeFirst = [...codeHits]
        .filter(([index]) => this.docs[index]!.doc.type === type)
        .sort(([ia, ma], [ib, mb]) => CODE_QUALITY[mb] - CODE_QUALITY[ma] || ia - ib);
      const ranked = candidates.filter((c) => c.type === type && !codeHits.has(c.index));
      const results = [
        ...codeFirst.map(([index, match]) => this.result(index, match, null, options.today)),
        ...ranked.slice(0, limit).map((c) => this.result(c.index, 'text', c.via, options.today)),
      ].slice(0, limit);
      const codeQuality = codeFirst.length > 0 ? CODE_QUALITY[codeFirst[0]![1]] : 0;
      return { type, results, codeQuality, leader: ranked[0] ?? null };
    }).filter((g) => g.results.length > 0);
    // CPT hints are help for medical claims, shown after the codes unless the query asks for them
    // ("cpt", "medical") or they hold more of it than any code or diagnosis does.
    const bestOtherCoverage = Math.max(
      0,
      ...groups.filter((g) => g.type !== 'cpt').map((g) => g.leader?.coverage ?? 0),
    );
    const tier = (g: (typeof groups)[number]) =>
      g.type === 'cpt' && g.leader && g.leader.conceptHits === 0 && g.leader.coverage <= bestOtherCoverage
        ? 1
        : 0;
    groups.sort(
      (a, b) =>
        b.codeQuality - a.codeQuality ||
        tier(a) - tier(b) ||
        (a.leader && b.leader ? compareGroupLeaders(a.leader, b.leader) : a.leader ? -1 : b.leader ? 1 : 0) ||
        RESULT_TYPES.indexOf(a.type) - RESULT_TYPES.indexOf(b.type),
    );
    return { results: groups.flatMap((g) => g.results), corrections };
  }

  private codesStarting(type: ResultType, prefix: string, limit: number): string[] {
    const out: string[] = [];
    for (const { doc } of this.docs) {
      if (doc.type === type && doc.code.startsWith(prefix)) out.push(doc.code);
      if (out.length >= limit * 2) break;
    }
    return out;
  }

  /** The query's meaningful words, each with the catalog stems that count as matching it. */
  private queryTerms(
    words: readonly string[],
    lastIsPartial: boolean,
    corrections: SearchResponse['corrections'],
  ): QueryTerm[] {
    const terms: QueryTerm[] = [];
    const seen = new Set<string>();
    words.forEach((word, i) => {
      const s = stem(word);
      const isLast = i === words.length - 1;
      if (seen.has(s) || (word.length === 1 && !/\d/.test(word)) || isStopWord(s)) return;
      seen.add(s);
      const concept = conceptOf(s);
      if (concept) {
        terms.push({ word, concept, alternatives: new Map() });
        return;
      }
      const alternatives = new Map<string, number>();
      const offer = (candidate: string, quality: number) => {
        if (this.postings.has(candidate) && (alternatives.get(candidate) ?? 0) < quality)
          alternatives.set(candidate, quality);
      };
      offer(s, EXACT);
      for (const same of this.sameWords.get(s) ?? []) offer(same, SAME_WORD);
      if (isLast && lastIsPartial && word.length >= 2) {
        for (const token of this.tokensStarting(word)) {
          offer(this.stemOfToken.get(token)!, word.length >= 3 ? PREFIX : SHORT_PREFIX);
        }
      }
      if (alternatives.size === 0 && word.length >= 4 && !/\d/.test(word)) {
        const fixes = this.typos.corrections(word);
        for (const fix of fixes) offer(this.stemOfToken.get(fix)!, TYPO);
        if (fixes.length > 0) corrections.push({ from: word, to: fixes });
      }
      terms.push({ word, concept: null, alternatives });
    });
    return terms;
  }

  private tokensStarting(prefix: string): string[] {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.tokens.length && out.length < MAX_PREFIX_TOKENS; i++) {
      if (!this.tokens[i]!.startsWith(prefix)) break;
      out.push(this.tokens[i]!);
    }
    return out;
  }

  private rank(
    terms: QueryTerm[],
    modalities: Set<string>,
    isDeleted: (doc: SearchDoc) => boolean,
    limit: number,
  ): Candidate[] {
    const wordTerms = terms.filter((t) => t.concept === null);
    const concepts = new Set(terms.flatMap((t) => (t.concept ? [t.concept] : [])));
    // Deleted codes only when asked for (an exact code number is looked up before this).
    const allowed = (doc: SearchDoc) => concepts.has('deleted') || !isDeleted(doc);
    const conceptHits = (doc: SearchDoc) =>
      Number(concepts.has('capture') && doc.kind === 'capture_only') +
      Number(concepts.has('interpretation') && doc.kind === 'interpretation_only') +
      Number(concepts.has('deleted') && isDeleted(doc)) +
      Number(concepts.has('medical') && doc.type === 'cpt');
    // For each word of the query: the best match per doc, and the entries of that doc it was found in.
    const perTerm = wordTerms.map((term) => {
      const best = new Map<number, Hit>();
      for (const [candidate, quality] of term.alternatives) {
        for (const p of this.postings.get(candidate)!) {
          const weight = quality * FIELD_WEIGHT[p.field]!;
          const hit = best.get(p.doc);
          if (!hit) {
            // The posting's entry list is shared, never changed; a second alternative copies it.
            best.set(p.doc, { weight, quality, field: p.field, entries: p.entries, stems: [candidate] });
            continue;
          }
          hit.weight = Math.max(hit.weight, weight);
          hit.quality = Math.max(hit.quality, quality);
          hit.field = Math.min(hit.field, p.field);
          hit.entries = [...new Set([...hit.entries, ...p.entries])];
          hit.stems.push(candidate);
        }
      }
      const idf = Math.log(1 + this.docs.length / (1 + best.size));
      return { best, idf };
    });

    const candidateDocs = new Set<number>();
    for (const { best } of perTerm) for (const doc of best.keys()) candidateDocs.add(doc);
    if (modalities.size > 0 || concepts.size > 0) {
      this.docs.forEach((d, i) => {
        if (d.modalities.some((m) => modalities.has(m)) || conceptHits(d.doc) > 0) candidateDocs.add(i);
      });
    }

    // First the keys that cost little (what the query asks for, how much of it a doc holds, where, how
    // exactly); then the rest only for docs that can still be among the first `limit` of their group.
    const light: Light[] = [];
    let maxCoverage = 0;
    for (const index of candidateDocs) {
      const { doc, modalities: docModalities } = this.docs[index]!;
      if (!allowed(doc)) continue;
      const matchedConcepts = conceptHits(doc);
      let coverage = matchedConcepts;
      let strongCoverage = matchedConcepts;
      let exactCount = matchedConcepts;
      for (const { best } of perTerm) {
        const hit = best.get(index);
        if (!hit) continue;
        coverage++;
        if (hit.field !== BODY) strongCoverage++;
        if (hit.quality === EXACT) exactCount++;
      }
      let modalityHits = 0;
      for (const m of docModalities) if (modalities.has(m)) modalityHits++;
      if (coverage === 0 && modalityHits === 0) continue;
      maxCoverage = Math.max(maxCoverage, coverage);
      light.push({
        index,
        type: doc.type,
        conceptHits: matchedConcepts,
        modalityHits,
        coverage,
        strongCoverage,
        exactCount,
      });
    }
    // Entries holding less than half of what the best one holds are noise for a longer query.
    const floor = Math.max(1, Math.ceil(maxCoverage / 2));
    const kept = light.filter((l) => l.coverage >= floor || l.modalityHits > 0).sort(compareLight);
    const contenders: Light[] = [];
    for (const type of RESULT_TYPES) {
      const ofType = kept.filter((l) => l.type === type);
      const last = ofType[limit - 1];
      // Ties with the last place still compete for it on the finer keys.
      contenders.push(...(last ? ofType.filter((l, i) => i < limit || compareLight(l, last) === 0) : ofType));
    }

    const candidates: Candidate[] = [];
    for (const {
      index,
      coverage,
      conceptHits: matchedConcepts,
      modalityHits,
      strongCoverage,
      exactCount,
    } of contenders) {
      const { doc, entries } = this.docs[index]!;
      let score = matchedConcepts;
      const perEntry = new Map<number, number>();
      for (const { best, idf } of perTerm) {
        const hit = best.get(index);
        if (!hit) continue;
        score += idf * hit.weight;
        for (const e of hit.entries) {
          if (entries[e]!.field !== BODY) perEntry.set(e, (perEntry.get(e) ?? 0) + 1);
        }
      }
      // The entry holding most of the query; among those, the one holding it best, judged as docs are.
      let mostHeld = 0;
      for (const count of perEntry.values()) mostHeld = Math.max(mostHeld, count);
      let bestEntry = -1;
      let best: EntryMatch = { count: 0, ordered: 0, whole: 0, density: 0 };
      for (const [e, count] of perEntry) {
        if (count < mostHeld) continue;
        const entry = entries[e]!;
        const match: EntryMatch = {
          count,
          ordered: this.inOrder(entry, perTerm, index) ? 1 : 0,
          whole: this.onlyQueryWords(entry, perTerm, index) ? 1 : 0,
          density: count / entry.meaningful,
        };
        const better =
          match.ordered - best.ordered ||
          match.whole - best.whole ||
          match.density - best.density ||
          bestEntry - e;
        if (bestEntry < 0 || better > 0) [bestEntry, best] = [e, match];
      }
      const demoted =
        (doc.kind === 'capture_only' && !concepts.has('capture')) ||
        (doc.kind === 'interpretation_only' && !concepts.has('interpretation'));
      candidates.push({
        index,
        type: doc.type,
        modalityHits,
        conceptHits: matchedConcepts,
        coverage,
        demoted: demoted ? 1 : 0,
        strongCoverage,
        exactCount,
        entryCoverage: best.count,
        ordered: best.ordered,
        wholeEntry: best.whole,
        density: best.density,
        billable: doc.billable ? 1 : 0,
        score,
        // Named only when the title does not already hold as much of the query.
        via: (perEntry.get(0) ?? 0) < best.count ? viaOf(entries[bestEntry]!) : null,
      });
    }
    return candidates.sort(compareCandidates);
  }

  /** True when every word of this entry (bar words like "of") is one of the query's words. */
  private onlyQueryWords(
    entry: Entry,
    perTerm: Array<{ best: Map<number, Hit> }>,
    docIndex: number,
  ): boolean {
    return entry.stems.every(
      (s) => isStopWord(s) || perTerm.some(({ best }) => best.get(docIndex)?.stems.includes(s)),
    );
  }

  /** True when the query's words appear in this entry in the order they were typed. */
  private inOrder(entry: Entry, perTerm: Array<{ best: Map<number, Hit> }>, docIndex: number): boolean {
    let from = 0;
    for (const { best } of perTerm) {
      const hit = best.get(docIndex);
      if (!hit) continue;
      let at = -1;
      for (let i = from; i < entry.stems.length; i++) {
        if (hit.stems.includes(entry.stems[i]!)) {
          at = i;
          break;
        }
      }
      if (at < 0) return false;
      from = at + 1;
    }
    return true;
  }

  private result(
    index: number,
    match: SearchResult['match'],
    via: SearchResult['via'],
    today: string,
  ): SearchResult {
    const { doc } = this.docs[index]!;
    return {
      type: doc.type,
      code: doc.code,
      title: doc.title,
      detail: doc.detail,
      deleted: doc.validTo !== null && doc.validTo < today,
      oftenPriorAuth: doc.oftenPriorAuth,
      oftenMedical: doc.oftenMedical,
      match,
      via,
      related: doc.related,
    };
  }
}

function viaOf(entry: Entry): SearchResult['via'] {
  return entry.source ? { text: entry.text, source: entry.source } : null;
}
