import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { createCatalogService, type CatalogService } from '../../src/main/services/catalogService';
import { openTestAppDb } from '../helpers/appDb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let db: Db;
let catalog: CatalogService;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-search-'));
  const opened = await openTestAppDb(() => dir);
  db = opened.catalog;
  catalog = createCatalogService(db, opened.now);
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const top = (query: string, n = 3) =>
  catalog
    .search(query)
    .results.slice(0, n)
    .map((r) => r.code);

describe('search by code', () => {
  const codes = (db_: Db) =>
    (db_.prepare('SELECT code FROM catalog_codes ORDER BY code').all() as Array<{ code: string }>).map(
      (r) => r.code,
    );

  it('finds every catalog code first in each of its four forms', () => {
    for (const code of codes(db)) {
      const digits = code.slice(1);
      const forms = [code, `d${String(Number(digits))}`, digits, String(Number(digits))];
      for (const form of forms) {
        const first = catalog.search(form).results[0];
        expect(first, `${form}`).toMatchObject({ code, match: 'exact' });
      }
    }
  });

  it('lists codes by prefix as you type, in code order', () => {
    const results = catalog.search('D036').results;
    expect(results.slice(0, 6).map((r) => [r.code, r.match])).toEqual(
      ['D0364', 'D0365', 'D0366', 'D0367', 'D0368', 'D0369'].map((c) => [c, 'prefix']),
    );
  });

  it('lists deleted codes only for their exact number, or when the query asks for old codes', () => {
    expect(catalog.search('D036').results.filter((r) => r.deleted)).toEqual([]);
    expect(catalog.search('cone beam').results.filter((r) => r.deleted)).toEqual([]);
    expect(catalog.search('3d photo').results.map((r) => r.code)).not.toContain('D0351');
    expect(catalog.search('D0363').results[0]).toMatchObject({
      code: 'D0363',
      deleted: true,
      match: 'exact',
    });
    expect(catalog.search('D0351').results[0]).toMatchObject({
      code: 'D0351',
      deleted: true,
      match: 'exact',
    });
    const asked = catalog.search('deleted codes').results;
    expect(asked.map((r) => r.code)).toEqual(
      expect.arrayContaining(['D0260', 'D0290', 'D0351', 'D0360', 'D0362', 'D0363', 'D0704']),
    );
    expect(asked.every((r) => r.deleted)).toBe(true);
    expect(top('old cone beam code', 1)).toEqual(['D0360']);
  });

  it('finds ICD-10 codes with or without the dot', () => {
    expect(catalog.search('k115').results[0]).toMatchObject({
      type: 'icd10',
      code: 'K11.5',
      title: 'Sialolithiasis',
    });
    expect(catalog.search('M26.63').results.map((r) => r.code)).toEqual(
      expect.arrayContaining(['M26.631', 'M26.632', 'M26.633', 'M26.639']),
    );
  });
});

describe('search by words', () => {
  const QUERIES: Array<[string, string]> = [
    ['cone beam both jaws', 'D0367'],
    ['cbct lower jaw', 'D0365'],
    ['cbct upper jaw', 'D0366'],
    ['cone beam mandible', 'D0365'],
    ['cbct maxilla', 'D0366'],
    ['cbct tmj', 'D0368'],
    ['limited field cbct', 'D0364'],
    ['cbct capture only both jaws', 'D0383'],
    ['sialography', 'D0310'],
    ['salivary duct dye', 'D0310'],
    ['salivary scope', 'D0371'],
    ['sialoendoscopy', 'D0371'],
    ['maxillofacial ultrasound', 'D0370'],
    ['sonogram capture only', 'D0386'],
    ['mri face', 'D0369'],
    ['tmj arthrogram', 'D0320'],
    ['jaw joint dye injection', 'D0320'],
    ['panoramic', 'D0330'],
    ['panorex', 'D0330'],
    ['pano capture only', 'D0701'],
    ['full mouth series', 'D0210'],
    ['fmx', 'D0210'],
    ['vertical bitewings', 'D0277'],
    ['ceph', 'D0340'],
    ['clinical photos', 'D0350'],
    ['picture', 'D0350'],
    ['3d face scan', 'D0803'],
    ['digital impression', 'D0801'],
    ['3d printed model', 'D0396'],
    ['read report images another office captured', 'D0391'],
    ['fusion volumes', 'D0395'],
    ['tomosynthesis bitewing', 'D0373'],
    ['sialolithiasis', 'K11.5'],
    ['jaw pain', 'R68.84'],
  ];

  it.each(QUERIES)('"%s" finds %s in the top 3', (query, code) => {
    expect(top(query)).toContain(code);
  });

  it('finds words as you type them (prefix of the last word)', () => {
    expect(top('sialoend')).toContain('D0371');
    expect(top('cone beam both ja')).toContain('D0367');
    expect(top('panor')).toContain('D0330');
  });

  it.each(['3d x-ray', 'cone be', 'cbct'])('a family word ("%s") lists cone-beam codes first', (query) => {
    const cbct = ['D0364', 'D0365', 'D0366', 'D0367', 'D0368', 'D0380', 'D0381', 'D0382', 'D0383', 'D0384'];
    for (const code of top(query, 5)) expect(cbct, `${query} -> ${code}`).toContain(code);
  });

  it.each([
    ['ultrasond', 'D0370'],
    ['sialoendscopy', 'D0371'],
    ['panoramc', 'D0330'],
    ['bitewnig', 'D0274'],
    ['tomosynthsis full', 'D0372'],
    ['arthrogrm', 'D0320'],
  ])('tolerates one typo: "%s" finds %s', (query, code) => {
    expect(top(query, 5)).toContain(code);
    expect(catalog.search(query).corrections.length).toBeGreaterThan(0);
  });
});

describe('ranking that respects what the query asks for', () => {
  it("a named modality outranks words shared only in other codes' notes", () => {
    expect(top('cbct both jaws', 1)).toEqual(['D0367']); // not D0330, whose summary says "both jaws"
    expect(top('mri tmj', 1)).toEqual(['D0369']); // not D0368, the CBCT of the joints
    expect(top('cone beam', 1)).toEqual(['D0364']); // the family in code order, not the TMJ series first
  });

  it.each([
    ['cbct both jaws', 'D0367', 'D0383'],
    ['cone beam lower jaw', 'D0365', 'D0381'],
    ['cbct tmj', 'D0368', 'D0384'],
    ['mri', 'D0369', 'D0385'],
    ['maxillofacial mri', 'D0369', 'D0385'],
    ['ultrasound', 'D0370', 'D0386'],
    ['sonogram', 'D0370', 'D0386'],
    ['panoramic image', 'D0330', 'D0701'],
    ['pano', 'D0330', 'D0701'],
    ['ceph', 'D0340', 'D0702'],
    ['clinical photographs', 'D0350', 'D0703'],
    ['occlusal', 'D0240', 'D0706'],
    ['full mouth series', 'D0210', 'D0709'],
    ['tomosynthesis bitewing', 'D0373', 'D0388'],
  ])('"%s": the full code %s comes before its capture-only twin %s', (query, full, captureOnly) => {
    const codes = catalog.search(query).results.map((r) => r.code);
    expect(codes).toContain(full);
    if (codes.includes(captureOnly)) expect(codes.indexOf(full)).toBeLessThan(codes.indexOf(captureOnly));
  });

  it('asking for capture or interpretation turns the twins around', () => {
    expect(top('cbct capture only both jaws', 1)).toEqual(['D0383']);
    expect(top('ultrasound capture', 1)).toEqual(['D0386']);
    expect(top('interpretation only', 1)).toEqual(['D0391']); // once a bitewing code
  });

  it('words about reading mean the reading code, not every "taken and read by this office" summary', () => {
    for (const query of ['read', 'reading', 'reads', 'radiology report', 'report']) {
      expect(
        catalog.search(query).results.map((r) => r.code),
        query,
      ).toEqual(['D0391']);
    }
    expect(top('cbct read by a radiologist', 1)).toEqual(['D0391']);
  });

  it('stems: one form of a word finds the others', () => {
    const codes = (q: string) => catalog.search(q).results.map((r) => r.code);
    expect(codes('images')).toEqual(codes('image'));
    expect(codes('images')).toContain('D0350');
    expect(codes('jaws')).toEqual(codes('jaw'));
    expect(top('fractured mandible')).toContain('S02.609A');
    expect(top('clicking jaw joint')).toEqual(expect.arrayContaining(['M26.639']));
  });

  it('groups results by kind, the group holding the best hit first', () => {
    const sialo = catalog.search('sialo').results;
    expect(
      sialo
        .slice(0, 2)
        .map((r) => r.code)
        .sort(),
    ).toEqual(['D0310', 'D0371']);
    const types = sialo.map((r) => r.type);
    expect(types.lastIndexOf('cdt')).toBeLessThan(types.indexOf('icd10'));
    expect(catalog.search('stone in the duct under the tongue').results[0]).toMatchObject({
      type: 'icd10',
      code: 'K11.5',
      via: { text: 'stone under the tongue', source: 'ours' },
    });
    expect(catalog.search('calculus of salivary duct').results[0]).toMatchObject({
      code: 'K11.5',
      via: { text: 'Calculus of salivary gland or duct', source: 'inclusion' },
    });
  });

  it('CPT hints follow the codes unless asked for, and open the CDT code they go with', () => {
    const cbct = catalog.search('cbct').results;
    expect(cbct[0]!.type).toBe('cdt');
    expect(cbct.find((r) => r.code === '70486')).toMatchObject({
      type: 'cpt',
      related: expect.arrayContaining(['D0367']),
    });
    expect(catalog.search('cpt for ct of the face').results[0]).toMatchObject({ type: 'cpt', code: '70486' });
    expect(catalog.search('70486').results[0]).toMatchObject({ type: 'cpt', code: '70486', match: 'exact' });
  });
});

describe('hostile input', () => {
  const HOSTILE = [
    '',
    '   ',
    '"',
    '""',
    "'",
    '*',
    '-',
    '- cbct',
    'cbct -',
    'NEAR',
    'NEAR(cbct pano)',
    'cbct NEAR/2 pano',
    '(',
    ')',
    '((cbct)',
    'AND OR NOT',
    'title:cbct',
    '^cbct',
    'cbct*',
    'D0367"; DROP TABLE catalog_codes; --',
    'x'.repeat(5000),
    'cbct '.repeat(1000),
    '🦷🦷🦷',
    'cone 🦷 beam',
    '\u0000\u0001',
    '\u202Ecbct',
    'ｃｂｃｔ',
  ];

  it.each(HOSTILE.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s never throws', (_label, query) => {
    expect(() => catalog.search(query)).not.toThrow();
  });

  it('property: any string searches without throwing, and results are well formed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (query) => {
        const response = catalog.search(query);
        // Grouped: each kind of code once, in one run, at most 20 of each.
        const runs = response.results.map((r) => r.type).filter((t, i, all) => t !== all[i - 1]);
        expect(new Set(runs).size).toBe(runs.length);
        for (const type of runs)
          expect(response.results.filter((r) => r.type === type).length).toBeLessThanOrEqual(20);
        for (const r of response.results) expect(r.code.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('the catalog is intact after all that', () => {
    expect((db.prepare('SELECT count(*) AS n FROM catalog_codes').get() as { n: number }).n).toBe(63);
  });
});
