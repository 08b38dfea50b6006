// The search engine's rules, on a small synthetic catalog (the real one is tested in test/db).
import { describe, expect, it } from 'vitest';
import { CatalogSearch } from '../../../src/shared/catalog/catalogSearch';
import type { SearchDoc } from '../../../src/shared/catalog/catalogTypes';

const TODAY = '2030-06-15';

function doc(partial: Partial<SearchDoc> & Pick<SearchDoc, 'type' | 'code' | 'title'>): SearchDoc {
  return {
    detail: '',
    kind: partial.type === 'cdt' ? 'capture_interpretation' : null,
    validTo: null,
    oftenPriorAuth: false,
    oftenMedical: false,
    billable: true,
    terms: [],
    body: '',
    related: [],
    ...partial,
  };
}

const DOCS: SearchDoc[] = [
  doc({
    type: 'cdt',
    code: 'D0364',
    title: 'Zephyr scan of a small area',
    terms: [{ text: 'zephyr', source: 'ours' }],
  }),
  doc({
    type: 'cdt',
    code: 'D0367',
    title: 'Zephyr scan of both arches',
    terms: [{ text: 'zephyr', source: 'ours' }],
  }),
  doc({
    type: 'cdt',
    code: 'D0383',
    title: 'Zephyr scan of both arches, capture only',
    kind: 'capture_only',
    terms: [{ text: 'zephyr', source: 'ours' }],
  }),
  doc({
    type: 'cdt',
    code: 'D0330',
    title: 'Wide picture of both arches',
    body: 'Not a zephyr scan',
  }),
  doc({
    type: 'cdt',
    code: 'D0391',
    title: 'Reading images another office took',
    kind: 'interpretation_only',
  }),
  doc({
    type: 'cdt',
    code: 'D0360',
    title: 'Old zephyr code',
    validTo: '2012-12-31',
    terms: [{ text: 'zephyr', source: 'ours' }],
  }),
  doc({
    type: 'icd10',
    code: 'K11.5',
    title: 'Sialolithiasis',
    terms: [
      { text: 'Stone of salivary gland or duct', source: 'inclusion' },
      { text: 'pebble under the tongue', source: 'ours' },
    ],
  }),
  doc({ type: 'icd10', code: 'K11.2', title: 'Sialoadenitis', billable: false }),
  doc({ type: 'icd10', code: 'K11.20', title: 'Sialoadenitis, unspecified' }),
  doc({ type: 'cpt', code: '70486', title: 'Face tomogram without dye', related: ['D0364', 'D0367'] }),
];

const engine = new CatalogSearch({ docs: DOCS, sameWords: [['lump', 'mass']] });
const codes = (query: string) => engine.search(query, { today: TODAY }).results.map((r) => r.code);

describe('codes typed as codes', () => {
  it('an exact code first, in its group, and no word search on a lone code', () => {
    expect(engine.search('d367', { today: TODAY }).results).toEqual([
      expect.objectContaining({ code: 'D0367', match: 'exact' }),
    ]);
    expect(codes('K11.2')).toEqual(['K11.2', 'K11.20']);
    expect(codes('70486')).toEqual(['70486']);
  });

  it('a prefix lists current codes in code order; a deleted one needs its exact number', () => {
    expect(codes('D03')).toEqual(['D0330', 'D0364', 'D0367', 'D0383', 'D0391']);
    expect(engine.search('D0360', { today: TODAY }).results[0]).toMatchObject({
      code: 'D0360',
      deleted: true,
    });
  });
});

describe('words', () => {
  it('the last word matches as typed so far; a finished word (trailing space) must match whole', () => {
    expect(codes('sialol')).toEqual(['K11.5']);
    expect(codes('sialol ')).toEqual([]);
  });

  it('one typo is forgiven and reported', () => {
    const response = engine.search('zephir', { today: TODAY });
    expect(response.results[0]!.code).toBe('D0364');
    expect(response.corrections).toEqual([{ from: 'zephir', to: ['zephyr'] }]);
  });

  it('same-meaning words count, a little below the word itself', () => {
    const withMass = new CatalogSearch({
      docs: [
        doc({ type: 'icd10', code: 'R22.0', title: 'Mass of head' }),
        doc({ type: 'icd10', code: 'R22.9', title: 'Lump' }),
      ],
      sameWords: [['lump', 'mass']],
    });
    expect(withMass.search('lump', { today: TODAY }).results.map((r) => r.code)).toEqual(['R22.9', 'R22.0']);
  });

  it('says which term found an entry when its title does not hold the words', () => {
    expect(engine.search('pebble tongue', { today: TODAY }).results[0]).toMatchObject({
      code: 'K11.5',
      via: { text: 'pebble under the tongue', source: 'ours' },
    });
    expect(engine.search('sialolithiasis', { today: TODAY }).results[0]!.via).toBeNull();
  });

  it('a billable diagnosis before a header that matches as well', () => {
    expect(codes('sialoadenitis')).toEqual(['K11.20', 'K11.2']);
  });
});

describe('ranking by what the query asks for', () => {
  it('words in a title or term outrank the same words in notes', () => {
    expect(codes('zephyr both arches')[0]).toBe('D0367');
    expect(codes('zephyr both arches')).toContain('D0330'); // still listed, lower
  });

  it('a capture-only twin follows its full code, even when it holds the query as a phrase', () => {
    expect(codes('zephyr scan of both arches')).toEqual(expect.arrayContaining(['D0367', 'D0383']));
    const list = codes('zephyr scan of both arches');
    expect(list.indexOf('D0367')).toBeLessThan(list.indexOf('D0383'));
    expect(codes('zephyr both arches capture')[0]).toBe('D0383');
  });

  it('reading words find the interpretation code only', () => {
    expect(codes('reading')).toEqual(['D0391']);
    expect(codes('interpretation only')).toEqual(['D0391']);
  });

  it('deleted codes only when asked', () => {
    expect(codes('zephyr')).not.toContain('D0360');
    expect(codes('old zephyr')[0]).toBe('D0360');
  });

  it('groups: each kind once, the best first; CPT hints after codes unless asked for', () => {
    const response = engine.search('zephyr', { today: TODAY }).results;
    expect(response.map((r) => r.code)).toEqual(['D0364', 'D0367', 'D0383', 'D0330']);
    expect(engine.search('face tomogram', { today: TODAY }).results[0]).toMatchObject({
      type: 'cpt',
      related: ['D0364', 'D0367'],
    });
    expect(engine.search('cpt tomogram', { today: TODAY }).results[0]!.type).toBe('cpt');
    expect(engine.search('pebble', { today: TODAY }).results[0]!.type).toBe('icd10');
  });

  it('at most `limit` results per group', () => {
    expect(engine.search('zephyr', { today: TODAY, limit: 2 }).results).toHaveLength(2);
  });
});
