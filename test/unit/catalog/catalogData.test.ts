// The shipped catalog: complete for the imaging range, our own words, and internally consistent.
import { describe, expect, it } from 'vitest';
import catalogFile from '../../../resources/catalog/cdt-imaging.json';
import icd10File from '../../../resources/catalog/icd10-imaging.json';
import icd10TermsFile from '../../../resources/catalog/icd10-terms.json';
import staffWordsFile from '../../../resources/catalog/staff-words.json';
import {
  catalogFileSchema,
  icd10FileSchema,
  icd10TermsFileSchema,
  staffWordsFileSchema,
} from '../../../src/shared/catalog/catalogTypes';

const catalog = catalogFileSchema.parse(catalogFile);
const icd10 = icd10FileSchema.parse(icd10File);
const byCode = new Map(catalog.codes.map((c) => [c.code, c]));

// Every code in D0210-D0396, D0701-D0709 and D0801-D0804 that exists or existed (D0361 never did).
const EXPECTED = [
  'D0210',
  'D0220',
  'D0230',
  'D0240',
  'D0250',
  'D0251',
  'D0260',
  'D0270',
  'D0272',
  'D0273',
  'D0274',
  'D0277',
  'D0290',
  'D0310',
  'D0320',
  'D0321',
  'D0322',
  'D0330',
  'D0340',
  'D0350',
  'D0351',
  'D0360',
  'D0362',
  'D0363',
  'D0364',
  'D0365',
  'D0366',
  'D0367',
  'D0368',
  'D0369',
  'D0370',
  'D0371',
  'D0372',
  'D0373',
  'D0374',
  'D0380',
  'D0381',
  'D0382',
  'D0383',
  'D0384',
  'D0385',
  'D0386',
  'D0387',
  'D0388',
  'D0389',
  'D0391',
  'D0393',
  'D0394',
  'D0395',
  'D0396',
  'D0701',
  'D0702',
  'D0703',
  'D0704',
  'D0705',
  'D0706',
  'D0707',
  'D0708',
  'D0709',
  'D0801',
  'D0802',
  'D0803',
  'D0804',
];
const DELETED = {
  D0260: '2015-12-31',
  D0290: '2016-12-31',
  D0351: '2022-12-31',
  D0360: '2012-12-31',
  D0362: '2012-12-31',
  D0363: '2012-12-31',
  D0704: '2022-12-31',
};
/** Codes the catalog may point at without listing (outside the imaging range). */
const OUTSIDE_RANGE = new Set(['D0470']);

describe('shipped code catalog', () => {
  it('has every imaging code, and nothing invented', () => {
    expect(catalog.codes.map((c) => c.code).sort()).toEqual([...EXPECTED].sort());
    expect(byCode.has('D0361')).toBe(false);
  });

  it.each(EXPECTED)('%s has a summary, kind, subcategory and valid dates', (code) => {
    const c = byCode.get(code)!;
    expect(c.summary.length).toBeGreaterThan(20);
    expect(c.subcategory).not.toBe('');
    expect(c.kind).toBeTruthy();
    if (c.validFrom && c.validTo) expect(c.validFrom < c.validTo).toBe(true);
  });

  it('keeps deleted codes with their end dates', () => {
    for (const [code, end] of Object.entries(DELETED)) expect(byCode.get(code)!.validTo, code).toBe(end);
    const stillValid = catalog.codes.filter((c) => c.validTo === null).map((c) => c.code);
    expect(stillValid).not.toContain('D0351');
    expect(stillValid).toContain('D0367');
  });

  it('uses the CDT effective dates for added codes', () => {
    expect(byCode.get('D0364')!.validFrom).toBe('2013-01-01');
    expect(byCode.get('D0393')!.validFrom).toBe('2014-01-01');
    expect(byCode.get('D0251')!.validFrom).toBe('2016-01-01');
    expect(byCode.get('D0701')!.validFrom).toBe('2021-01-01');
    expect(byCode.get('D0372')!.validFrom).toBe('2023-01-01');
    expect(byCode.get('D0801')!.validFrom).toBe('2023-01-01');
    expect(byCode.get('D0396')!.validFrom).toBe('2024-01-01');
  });

  it('gets the D0365 / D0366 trap right: D0365 is the mandible (lower), D0366 the maxilla (upper)', () => {
    const d0365 = byCode.get('D0365')!;
    const d0366 = byCode.get('D0366')!;
    expect(d0365.summary).toMatch(/lower jaw \(mandible\)/);
    expect(d0365.summary).not.toMatch(/maxilla|upper/i);
    expect(d0366.summary).toMatch(/upper jaw \(maxilla\)/);
    expect(d0366.summary).not.toMatch(/mandible|lower/i);
    expect(byCode.get('D0381')!.summary).toMatch(/mandible/);
    expect(byCode.get('D0382')!.summary).toMatch(/maxilla/);
  });

  it('calls D0386 maxillofacial (not maxillary) and D0368 a scan, not an add-on', () => {
    expect(byCode.get('D0386')!.summary).toMatch(/Maxillofacial/);
    expect(byCode.get('D0368')!.summary).toMatch(/Cone-beam CT scan of the jaw joints/);
  });

  it('pairs every capture-only code with its capture-and-read twin', () => {
    const pairs = [
      ['D0364', 'D0380'],
      ['D0365', 'D0381'],
      ['D0366', 'D0382'],
      ['D0367', 'D0383'],
      ['D0368', 'D0384'],
      ['D0369', 'D0385'],
      ['D0370', 'D0386'],
      ['D0330', 'D0701'],
      ['D0210', 'D0709'],
    ];
    for (const [full, captureOnly] of pairs) {
      expect(byCode.get(captureOnly!)!.kind, captureOnly).toBe('capture_only');
      expect(
        byCode.get(captureOnly!)!.confusedWith.map((c) => c.code),
        captureOnly,
      ).toContain(full);
    }
  });

  it('has the synonyms a front desk types', () => {
    const synonyms = (code: string) => byCode.get(code)!.synonyms;
    expect(synonyms('D0367')).toEqual(expect.arrayContaining(['cbct', 'cone beam', '3d x-ray']));
    expect(synonyms('D0370')).toEqual(expect.arrayContaining(['ultrasound', 'sonogram']));
    expect(synonyms('D0330')).toEqual(expect.arrayContaining(['pano', 'panorex']));
    expect(synonyms('D0350')).toEqual(expect.arrayContaining(['photo', 'picture']));
    expect(synonyms('D0368')).toEqual(expect.arrayContaining(['tmj', 'jaw', 'joint']));
    expect(synonyms('D0371')).toEqual(expect.arrayContaining(['sialo', 'sialendoscopy']));
  });

  it('every confused-with code and every diagnosis it lists exists', () => {
    const icdCodes = new Set(icd10.codes.map((e) => e.code));
    for (const c of catalog.codes) {
      for (const other of c.confusedWith) {
        expect(byCode.has(other.code) || OUTSIDE_RANGE.has(other.code), `${c.code} -> ${other.code}`).toBe(
          true,
        );
        expect(other.code).not.toBe(c.code);
      }
      for (const dx of c.icd10) expect(icdCodes.has(dx), `${c.code} -> ${dx}`).toBe(true);
    }
  });

  it('ships CPT numbers with our notes only', () => {
    for (const c of catalog.codes)
      for (const cpt of c.cpt) expect(cpt.note.length, `${c.code} ${cpt.code}`).toBeGreaterThan(10);
  });
});

describe('shipped ICD-10-CM list', () => {
  const entries = new Map(icd10.codes.map((e) => [e.code, e]));

  it('has the official titles for the codes imaging claims use', () => {
    expect(entries.get('K11.5')).toMatchObject({ title: 'Sialolithiasis', billable: true });
    expect(entries.get('M26.633')).toMatchObject({
      title: 'Articular disc disorder of bilateral temporomandibular joint',
    });
    expect(entries.get('K08.111')).toMatchObject({
      title: 'Complete loss of teeth due to trauma, class I',
      billable: true,
    });
    expect(entries.get('S02.609A')!.title).toBe(
      'Fracture of mandible, unspecified, initial encounter for closed fracture',
    );
    expect(entries.get('R68.84')!.title).toBe('Jaw pain');
  });

  it('lists header codes as not billable, with what to bill instead', () => {
    for (const code of ['K08.1', 'K08.4', 'K11.2', 'M26.6', 'M26.60', 'M26.62', 'M27.4', 'S02.6']) {
      expect(entries.get(code)?.billable, code).toBe(false);
      expect(entries.get(code)?.note, code).toMatch(/Not billable/);
    }
  });

  it('titles M27.4 as the official header does', () => {
    expect(entries.get('M27.4')).toMatchObject({
      title: 'Other and unspecified cysts of jaw',
      billable: false,
    });
  });

  it('has no WHO-only or pre-laterality codes', () => {
    for (const code of ['C08.8', 'S02.61XA', 'S02.62XA']) expect(entries.has(code), code).toBe(false);
  });
});

describe('ICD-10-CM terms that find a diagnosis', () => {
  const official = icd10TermsFileSchema.parse(icd10TermsFile);
  const ours = staffWordsFileSchema.parse(staffWordsFile);
  const entries = new Map(icd10.codes.map((e) => [e.code, e]));

  it('official terms: the same release as the titles, for shipped codes only, each list non-empty', () => {
    expect(official.icd10Version).toBe(icd10.icd10Version);
    expect(official.source).toMatch(/public domain/);
    for (const c of official.codes) {
      expect(entries.has(c.code), c.code).toBe(true);
      expect((c.inclusion?.length ?? 0) + (c.index?.length ?? 0), c.code).toBeGreaterThan(0);
    }
    expect(new Set(official.codes.map((c) => c.code)).size).toBe(official.codes.length);
  });

  it('carries the official wording the lookup depends on', () => {
    const terms = (code: string) => official.codes.find((c) => c.code === code);
    expect(terms('K11.5')?.inclusion).toEqual([
      'Calculus of salivary gland or duct',
      'Stone of salivary gland or duct',
    ]);
    expect(terms('K11.6')?.inclusion).toContain('Ranula');
    expect(terms('M27.3')?.inclusion).toContain('Dry socket');
    // The keratocyst trap: keratocysts code to D16.4/D16.5, not K09.0.
    expect(terms('D16.5')?.inclusion).toContain('Keratocyst of mandible');
    expect(terms('K09.0')?.inclusion?.some((t) => /kerato/i.test(t))).toBe(false);
  });

  it('our everyday words: a separate, labelled list, for shipped codes, never repeating an official term', () => {
    expect(ours.note).toMatch(/not ICD-10-CM/);
    const officialTexts = new Set(
      official.codes.flatMap((c) => [...(c.inclusion ?? []), ...(c.index ?? [])].map((t) => t.toLowerCase())),
    );
    for (const c of ours.codes) {
      expect(entries.has(c.code), c.code).toBe(true);
      for (const word of c.words)
        expect(officialTexts.has(word.toLowerCase()), `${c.code}: ${word}`).toBe(false);
    }
    for (const group of ours.sameWords) expect(new Set(group).size, group.join()).toBe(group.length);
  });
});
