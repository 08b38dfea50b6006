// The lookup's relevance set: queries written the way front-desk staff type them (code fragments,
// abbreviations, typos, lay words from a clinical note, Spanish-speaking staff's English), each with the
// code that must be among the first three results a person sees, and, where pressing Enter on the first
// hit would go wrong, what must not be first. Run against the real catalog in a real database, through
// the service (what catalog:search answers) and through the engine the window builds from
// catalog:searchIndex (what a keystroke shows): both must pass, and agree.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppDb } from '../../src/main/db/appDb';
import { createCatalogService, type CatalogService } from '../../src/main/services/catalogService';
import { CatalogSearch } from '../../src/shared/catalog/catalogSearch';
import { searchIndexDataSchema } from '../../src/shared/catalog/catalogTypes';
import { localDate } from '../../src/shared/dates/localDate';
import { openTestAppDb } from '../helpers/appDb';

interface Case {
  query: string;
  /** Must be among the first three results, in the order they are shown. */
  top3: string;
  /** Must not be the first result (the one Enter opens). */
  notFirst?: string[];
}

const CASES: Case[] = [
  // Codes as people type them: with or without D, zeros, dots; CPT numbers from a medical rep.
  { query: 'D0367', top3: 'D0367' },
  { query: 'd367', top3: 'D0367' },
  { query: '0367', top3: 'D0367' },
  { query: '367', top3: 'D0367' },
  { query: 'd 0367', top3: 'D0367' },
  { query: 'd371', top3: 'D0371' },
  { query: '0310', top3: 'D0310' },
  { query: 'd0330', top3: 'D0330' },
  { query: 'D0391', top3: 'D0391' },
  { query: 'd038', top3: 'D0380' },
  { query: 'D0351', top3: 'D0351' },
  { query: 'k11.5', top3: 'K11.5' },
  { query: 'K115', top3: 'K11.5' },
  { query: 'm26.63', top3: 'M26.631' },
  { query: 's02609a', top3: 'S02.609A' },
  { query: 'r6884', top3: 'R68.84' },
  { query: '70486', top3: '70486' },
  { query: '70336', top3: '70336' },
  { query: '76536', top3: '76536' },
  // The modality named in the query comes first; the field of view picks the CBCT code.
  { query: 'cbct both jaws', top3: 'D0367', notFirst: ['D0330', 'D0383'] },
  { query: 'cone beam', top3: 'D0364', notFirst: ['D0368', 'D0380', 'D0360'] },
  { query: 'cone beam both jaws', top3: 'D0367', notFirst: ['D0330'] },
  { query: 'cbct lower jaw', top3: 'D0365', notFirst: ['D0366'] },
  { query: 'cbct upper jaw', top3: 'D0366', notFirst: ['D0365'] },
  { query: 'cbct mandible', top3: 'D0365', notFirst: ['D0381'] },
  { query: 'cone beam maxilla', top3: 'D0366' },
  { query: 'cbct of the tmj', top3: 'D0368', notFirst: ['D0384', 'D0320'] },
  { query: '3d xray jaw joints', top3: 'D0368' },
  { query: 'limited field cbct', top3: 'D0364' },
  { query: 'cbct one tooth', top3: 'D0364' },
  { query: 'cbct', top3: 'D0364', notFirst: ['D0360', 'D0380'] },
  { query: 'mri face', top3: 'D0369', notFirst: ['D0385'] },
  { query: 'mri tmj', top3: 'D0369', notFirst: ['D0368', 'D0385'] },
  { query: 'ultrasound', top3: 'D0370', notFirst: ['D0386'] },
  { query: 'sonogram of salivary gland', top3: 'D0370' },
  { query: 'sialography', top3: 'D0310' },
  { query: 'sialogram', top3: 'D0310' },
  { query: 'salivary duct dye', top3: 'D0310' },
  { query: 'sialo', top3: 'D0371', notFirst: ['K11.20', 'K11.5'] },
  { query: 'salivary scope', top3: 'D0371' },
  { query: 'sialendoscopy', top3: 'D0371' },
  { query: 'tmj arthrogram', top3: 'D0320' },
  { query: 'jaw joint dye injection', top3: 'D0320' },
  { query: 'pano', top3: 'D0330', notFirst: ['D0701'] },
  { query: 'panorex', top3: 'D0330' },
  { query: 'full mouth series', top3: 'D0210', notFirst: ['D0709'] },
  { query: 'fmx', top3: 'D0210', notFirst: ['D0709'] },
  { query: 'four bitewings', top3: 'D0274' },
  { query: 'vertical bitewings', top3: 'D0277' },
  { query: 'ceph', top3: 'D0340', notFirst: ['D0702'] },
  { query: 'clinical photos', top3: 'D0350' },
  { query: 'intraoral photo', top3: 'D0350' },
  { query: '3d photo', top3: 'D0803', notFirst: ['D0351', 'D0704'] },
  { query: '3d face scan', top3: 'D0803' },
  { query: 'digital impression', top3: 'D0801' },
  { query: 'itero scan', top3: 'D0801' },
  { query: '3d printed model', top3: 'D0396' },
  { query: 'fusion', top3: 'D0395' },
  { query: 'subtraction', top3: 'D0394' },
  { query: 'implant planning', top3: 'D0393' },
  { query: 'tomosynthesis bitewing', top3: 'D0373' },
  { query: 'extraoral bitewing', top3: 'D0251' },
  { query: 'occlusal film', top3: 'D0240' },
  { query: 'pa', top3: 'D0220', notFirst: ['D0707'] },
  { query: 'periapical', top3: 'D0220' },
  // Stemming: one form of a word finds the others.
  { query: 'image', top3: 'D0350' },
  { query: 'images', top3: 'D0350' },
  { query: 'bitewing', top3: 'D0270' },
  // Capture, reading and deleted codes: only when asked for, and then first.
  { query: 'cbct capture only both jaws', top3: 'D0383', notFirst: ['D0367'] },
  { query: 'cbct capture only', top3: 'D0380', notFirst: ['D0364'] },
  { query: 'pano capture only', top3: 'D0701', notFirst: ['D0330'] },
  { query: 'mri capture only', top3: 'D0385', notFirst: ['D0369'] },
  { query: 'ultrasound capture only', top3: 'D0386' },
  { query: 'interpretation only', top3: 'D0391', notFirst: ['D0270'] },
  { query: 'read by radiologist', top3: 'D0391' },
  { query: 'radiology report', top3: 'D0391' },
  { query: 'reading only', top3: 'D0391' },
  { query: 'cbct read by another office', top3: 'D0391', notFirst: ['D0364'] },
  { query: 'old cbct code', top3: 'D0360' },
  { query: 'deleted 3d photo', top3: 'D0351' },
  // One typo.
  { query: 'ultrasond', top3: 'D0370' },
  { query: 'sialoendscopy', top3: 'D0371' },
  { query: 'panoramc', top3: 'D0330' },
  { query: 'bitewnig', top3: 'D0270' },
  { query: 'tomosynthsis full', top3: 'D0372' },
  { query: 'arthrogrm', top3: 'D0320' },
  { query: 'cone bean', top3: 'D0364' },
  { query: 'cbtc', top3: 'D0364' },
  { query: 'sialolitiasis', top3: 'K11.5' },
  { query: 'parotd tumor', top3: 'D11.0' },
  { query: 'mandibel fracture', top3: 'S02.609A' },
  // What the clinical note says, in plain words: the diagnosis, not an imaging code.
  { query: 'stone in the duct under the tongue', top3: 'K11.5', notFirst: ['D0310', 'D0371'] },
  { query: 'salivary stone', top3: 'K11.5', notFirst: ['D0310'] },
  { query: 'calculus salivary duct', top3: 'K11.5' },
  { query: 'blocked salivary gland', top3: 'K11.5' },
  { query: 'lump in the parotid', top3: 'D11.0', notFirst: ['D0370'] },
  { query: 'parotid cancer', top3: 'C07' },
  { query: 'swollen parotid gland', top3: 'K11.20' },
  { query: 'salivary gland infection', top3: 'K11.20' },
  { query: 'xerostomia', top3: 'K11.7' },
  { query: 'ranula', top3: 'K11.6' },
  { query: 'dry mouth', top3: 'R68.2' },
  { query: 'sjogrens', top3: 'M35.00' },
  { query: 'jaw joint clicks', top3: 'M26.639', notFirst: ['D0320', 'D0321', 'D0368'] },
  { query: 'clicking jaw right side', top3: 'M26.631' },
  { query: 'tmj pain', top3: 'M26.629' },
  { query: 'jaw joint pain left', top3: 'M26.622' },
  { query: 'tmj both sides', top3: 'M26.603' },
  { query: "can't open mouth wide", top3: 'M26.52' },
  { query: 'jaw locks', top3: 'M26.639' },
  { query: 'jaw hurts', top3: 'R68.84' },
  { query: 'jaw pain', top3: 'R68.84', notFirst: ['D0368'] },
  { query: 'facial swelling', top3: 'R22.0' },
  { query: 'swollen cheek', top3: 'R22.0' },
  { query: 'lump on neck', top3: 'R22.1' },
  { query: 'swollen lymph nodes', top3: 'R59.0' },
  { query: 'wisdom tooth stuck', top3: 'K01.1' },
  { query: 'impacted wisdom teeth', top3: 'K01.1' },
  { query: 'impacted canine', top3: 'K01.1' },
  { query: 'extra tooth', top3: 'K00.1' },
  { query: 'mesiodens', top3: 'K00.1' },
  { query: 'baby tooth not coming out', top3: 'K00.6' },
  { query: 'missing teeth', top3: 'K08.409' },
  { query: 'no teeth at all', top3: 'K08.109' },
  { query: 'cyst in the jaw', top3: 'M27.40' },
  { query: 'jaw cyst', top3: 'M27.40' },
  { query: 'cyst around wisdom tooth', top3: 'K09.0' },
  { query: 'dentigerous cyst', top3: 'K09.0' },
  { query: 'keratocyst lower jaw', top3: 'D16.5', notFirst: ['K09.0'] },
  { query: 'odontogenic keratocyst', top3: 'D16.5', notFirst: ['K09.0'] },
  { query: 'cyst at root tip', top3: 'K04.8' },
  { query: 'periapical cyst', top3: 'K04.8' },
  { query: 'dry socket', top3: 'M27.3' },
  { query: 'jaw bone infection', top3: 'M27.2' },
  { query: 'osteomyelitis jaw', top3: 'M27.2' },
  { query: 'bisphosphonate jaw', top3: 'M87.180' },
  { query: 'dead jaw bone', top3: 'M87.180' },
  { query: 'broken jaw', top3: 'S02.609A', notFirst: ['S02.6'] },
  { query: 'fractured lower jaw', top3: 'S02.609A', notFirst: ['S02.6'] },
  { query: 'broken cheekbone', top3: 'S02.402A' },
  { query: 'broken tooth from a fall', top3: 'S02.5XXA', notFirst: ['K03.81'] },
  { query: 'cracked tooth', top3: 'K03.81', notFirst: ['S02.5XXA'] },
  { query: 'le fort fracture', top3: 'S02.411A' },
  { query: 'eye socket fracture', top3: 'S02.30XA' },
  { query: 'implant failed', top3: 'M27.61' },
  { query: 'sinus infection from tooth', top3: 'J34.830' },
  { query: 'bone loss', top3: 'K06.3' },
  { query: 'torus', top3: 'M27.0' },
  { query: 'jaw tumor', top3: 'D16.5' },
  { query: 'cancer of the lower jaw', top3: 'C41.1' },
  { query: 'tongue lump', top3: 'D10.1' },
  // Spanish-speaking staff's English.
  { query: 'radiografia panoramica', top3: 'D0330' },
  { query: 'panoramica', top3: 'D0330' },
  { query: 'tomografia', top3: 'D0364' },
  { query: 'tomografia 3d mandibula', top3: 'D0365' },
  { query: 'ultrasonido glandula salival', top3: 'D0370' },
  { query: 'resonancia magnetica', top3: 'D0369' },
  { query: 'sialografia', top3: 'D0310' },
  { query: 'muela del juicio', top3: 'K01.1' },
  { query: 'dolor de mandibula', top3: 'R68.84' },
  { query: 'quiste en la mandibula', top3: 'M27.40' },
  { query: 'fractura de mandibula', top3: 'S02.609A' },
  { query: 'piedra en la glandula salival', top3: 'K11.5' },
  { query: 'cara hinchada', top3: 'R22.0' },
  // Medical-claim numbers (CPT hints) asked for in words; and a code query that only shares words with one.
  { query: 'cpt for ct of the face', top3: '70486', notFirst: ['D0364'] },
  { query: 'medical code for sialography', top3: '70390' },
  { query: 'cpt tmj mri', top3: '70336' },
  { query: 'cpt salivary ultrasound', top3: '76536' },
  { query: '3d rendering cpt', top3: '76376' },
  { query: 'unlisted ct cpt', top3: '76497' },
  { query: 'mri jaw joint', top3: 'D0369', notFirst: ['70336'] },
  { query: 'sialogram for a stone', top3: 'D0310' },
];

let dir: string;
let db: AppDb;
let catalog: CatalogService;
let windowEngine: CatalogSearch;
let today: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-relevance-'));
  const opened = await openTestAppDb(() => dir);
  db = opened.db;
  catalog = createCatalogService(opened.catalog, opened.now);
  today = localDate(opened.now());
  // What the window gets: the entries as they cross IPC (JSON), checked against the contract.
  const sent = searchIndexDataSchema.parse(JSON.parse(JSON.stringify(catalog.searchIndex())));
  windowEngine = new CatalogSearch(sent);
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('relevance set', () => {
  it('has at least 120 queries, each asking for a code the catalog has', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(120);
    expect(new Set(CASES.map((c) => c.query)).size).toBe(CASES.length);
    const known = new Set(catalog.searchIndex().docs.map((d) => d.code));
    for (const c of CASES) {
      for (const code of [c.top3, ...(c.notFirst ?? [])])
        expect(known.has(code), `${c.query}: ${code}`).toBe(true);
    }
  });

  it.each(CASES)('"$query" shows $top3 in the first three', ({ query, top3, notFirst }) => {
    const shown = catalog.search(query).results.map((r) => r.code);
    expect(shown.slice(0, 3), `${query} -> ${shown.slice(0, 5).join(', ')}`).toContain(top3);
    for (const code of notFirst ?? []) expect(shown[0], `${query}: ${code} first`).not.toBe(code);
  });

  it('the window answers every query exactly as main does', () => {
    for (const { query } of CASES) {
      expect(windowEngine.search(query, { today }), query).toEqual(catalog.search(query));
    }
  });
});
