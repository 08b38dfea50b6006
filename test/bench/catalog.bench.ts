// Lookup speed in a realistic database (the catalog, the ICD-10 list and 100,000 synthetic policy notes):
// the service call (what the IPC handler runs, and what the window runs on the same entries) against a
// raw FTS5 query over the same entries, the floor an index-backed lookup could reach; and the first
// search of a session, which builds the entries and the engine.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createCatalogService } from '../../src/main/services/catalogService';
import { CatalogSearch } from '../../src/shared/catalog/catalogSearch';
import { buildMatchExpression, queryWords } from '../../src/shared/catalog/searchQuery';
import type { BenchSuite } from './bench';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';
import { testAuditChain } from '../helpers/testAudit';

const NOTE_COUNT = 100_000;
let docCounts = '';

/** Synthetic notes in the style of what reps say; fixed seed, so every run indexes the same text. */
function* syntheticNotes(count: number): Generator<[string, string]> {
  const parts = [
    ['Rep said', 'Per rep', 'Portal shows', 'Fax back says', 'IVR quoted'],
    [
      'CBCT',
      'cone beam',
      'pano',
      'FMX',
      'bitewings',
      'sialography',
      'TMJ films',
      'MRI',
      'ultrasound',
      'photos',
    ],
    [
      'needs prior auth',
      'predetermination recommended',
      'no auth needed',
      'covered at 80%',
      'covered at 50%',
      'not covered',
      'bill medical first',
      'downgraded to 2D',
    ],
    [
      'with narrative',
      'send pano and PAs',
      'once per lifetime',
      'one per 36 months',
      'shares frequency with FMX',
      'ages 12 and up',
      'deductible waived',
    ],
    ['ref', 'call ref', 'reference'],
  ];
  let seed = 42;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const pick = (k: number) => parts[k]![next(parts[k]!.length)]!;
    yield [
      `Fictional Payer ${next(2000)} plan ${next(20000)}`,
      `${pick(0)} ${pick(1)} ${pick(2)}, ${pick(3)}; ${pick(4)} ${100000 + next(900000)}`,
    ];
  }
}

const BASE_QUERIES = [
  'D0367',
  'd367',
  '0367',
  '367',
  'D0364',
  'd371',
  '0310',
  '320',
  'D0330',
  'd701',
  'D038',
  'd36',
  'D0391',
  'D0803',
  'cbct',
  'cone beam',
  'cone beam both jaws',
  'cbct lower jaw',
  'cbct upper jaw',
  'cbct tmj',
  'limited field cbct',
  'cbct capture only',
  '3d x-ray',
  'sialography',
  'salivary duct dye',
  'sialo',
  'sialoendoscopy',
  'salivary scope',
  'ultrasound',
  'sonogram',
  'mri face',
  'tmj arthrogram',
  'jaw joint',
  'pano',
  'panorex',
  'panoramic',
  'full mouth series',
  'fmx',
  'bitewings',
  'vertical bitewings',
  'ceph',
  'photo',
  'picture',
  '3d face scan',
  'digital impression',
  '3d printed model',
  'interpretation report',
  'fusion',
  'subtraction',
  'tomosynthesis',
  'ultrasond',
  'sialoendscopy',
  'panoramc',
  'bitewnig',
  'arthrogrm',
  'tomosynthsis',
  'K11.5',
  'k115',
  'M26.63',
  'sialolithiasis',
  'jaw pain',
  'impacted teeth',
  'odontogenic sinusitis',
  'fracture mandible',
  'cracked tooth',
];

/** 200 queries: the base list plus what the desk sees while typing (prefixes of the longer ones). */
function realisticQueries(): string[] {
  const queries = [...BASE_QUERIES];
  for (const q of BASE_QUERIES) {
    for (let cut = 3; cut < q.length && queries.length < 200; cut += 3) queries.push(q.slice(0, cut));
  }
  return queries.slice(0, 200);
}

const suite: BenchSuite = {
  name: 'catalog',
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-catalog-'));
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const now = fixedClock();
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    // Policy notes live in their own full-text index (the catalog lookup never searches them), in the
    // same database file, so the catalog index is measured inside a realistically large database.
    db.sqlite!.exec(
      `CREATE VIRTUAL TABLE bench_policy_notes USING fts5(plan, note, tokenize = 'unicode61 remove_diacritics 2')`,
    );
    const insertNote = db.sqlite!.prepare('INSERT INTO bench_policy_notes (plan, note) VALUES (?, ?)');
    db.sqlite!.transaction(() => {
      for (const [plan, note] of syntheticNotes(NOTE_COUNT)) insertNote.run(plan, note);
    })();
    const sqlite = db.sqlite!;
    const catalog = createCatalogService(sqlite, now);
    const data = catalog.searchIndex();
    // The floor: the same entries in an FTS5 table shaped as the old catalog index was, queried with
    // the typed words only (no stems, typos, terms or ranking), as the old lookup's bench did.
    sqlite.exec(
      `CREATE VIRTUAL TABLE bench_catalog_fts USING fts5(doc_type UNINDEXED, ref UNINDEXED, kind UNINDEXED,
         valid_to UNINDEXED, flags UNINDEXED, title, body, synonyms,
         tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')`,
    );
    const insertDoc = sqlite.prepare(
      'INSERT INTO bench_catalog_fts (doc_type, ref, kind, valid_to, flags, title, body, synonyms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    sqlite.transaction(() => {
      for (const d of data.docs) {
        insertDoc.run(
          d.type,
          d.code,
          d.kind,
          d.validTo,
          '',
          d.title,
          d.body,
          d.terms.map((t) => t.text).join(' '),
        );
      }
    })();
    sqlite.pragma('optimize');
    const queries = realisticQueries();
    const raw = sqlite.prepare(
      `SELECT doc_type, ref, kind, valid_to, flags, title, synonyms FROM bench_catalog_fts WHERE bench_catalog_fts MATCH ?
       ORDER BY bm25(bench_catalog_fts, 0, 0, 0, 0, 0, 8.0, 1.0, 5.0) LIMIT 40`,
    );
    const expressions = queries.map((q) =>
      buildMatchExpression(
        queryWords(q).map((w) => [w]),
        { prefixLast: true, mode: 'all' },
      ),
    );
    let i = 0;
    let j = 0;
    let k = 0;
    docCounts = `${data.docs.filter((d) => d.type === 'cdt').length} CDT + ${data.docs.filter((d) => d.type === 'icd10').length} ICD-10-CM + ${data.docs.filter((d) => d.type === 'cpt').length} CPT hints`;
    return {
      cases: [
        {
          name: `catalog.search, ${queries.length} realistic queries`,
          iterations: 4000,
          run: () => catalog.search(queries[i++ % queries.length]!),
        },
        {
          name: 'raw FTS5 MATCH, same queries',
          iterations: 4000,
          run: () => raw.all(expressions[j++ % expressions.length]),
        },
        {
          // A new service each time: reads the catalog from the database, builds the engine, searches.
          name: 'first search of a session (build + search)',
          iterations: 60,
          run: () => createCatalogService(sqlite, now).search(queries[k++ % queries.length]!),
        },
        {
          // What the window does once with catalog:searchIndex's answer, before the first keystroke.
          name: 'window: build the engine from the entries',
          iterations: 60,
          run: () => new CatalogSearch(data),
        },
      ],
      teardown: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes(results) {
    const [service, raw, first] = results;
    if (!service || !raw || !first) return [];
    return [
      `entries: ${docCounts}; ${NOTE_COUNT.toLocaleString('en-US')} synthetic policy notes in their own index`,
      `service / raw FTS5: median ${(service.medianMs / raw.medianMs).toFixed(2)}x, p95 ${(service.p95Ms / raw.p95Ms).toFixed(2)}x (target: p95 at most 1.5x)`,
      `first search of a session: median ${first.medianMs.toFixed(1)} ms, p95 ${first.p95Ms.toFixed(1)} ms (target: under 20 ms)`,
    ];
  },
};

export default suite;
