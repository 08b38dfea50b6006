import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMatchExpression,
  parseCdtQuery,
  parseIcd10Query,
  queryWords,
} from '../../../src/shared/catalog/searchQuery';

describe('reading codes from a query', () => {
  it.each(['D0371', 'd371', '0371', '371', ' d0371 ', 'D 0371'])('%s names D0371', (q) => {
    expect(parseCdtQuery(q).exact).toBe('D0371');
  });

  it('a short number is the start of a code', () => {
    expect(parseCdtQuery('d3')).toEqual({ exact: null, prefixes: ['D3', 'D03'] });
    expect(parseCdtQuery('D036').prefixes).toContain('D036');
    expect(parseCdtQuery('36').prefixes).toContain('D036');
  });

  it('words are not codes', () => {
    expect(parseCdtQuery('cbct')).toEqual({ exact: null, prefixes: [] });
    expect(parseCdtQuery('D03711')).toEqual({ exact: null, prefixes: [] });
  });

  it.each([
    ['k115', 'K11.5'],
    ['K11.5', 'K11.5'],
    ['s02.609a', 'S02.609A'],
    ['M26', 'M26'],
    ['C07', 'C07'],
  ])('%s is ICD-10 code %s', (q, code) => {
    expect(parseIcd10Query(q)).toBe(code);
  });
});

describe('query words', () => {
  it('keeps letters and digits only, lower-cased, accents folded', () => {
    expect(queryWords('Cone-Beam "CT" (NEAR) 3D*')).toEqual(['cone', 'beam', 'ct', 'near', '3d']);
    expect(queryWords('radiografía panorámica')).toEqual(['radiografia', 'panoramica']);
    expect(queryWords('🦷 tooth 🙂')).toEqual(['tooth']);
    expect(queryWords('')).toEqual([]);
  });

  it('bounds what a pasted wall of text can cost', () => {
    const words = queryWords('word '.repeat(1000));
    expect(words.length).toBeLessThanOrEqual(8);
    expect(queryWords('x'.repeat(5000))[0]!.length).toBeLessThanOrEqual(40);
  });
});

describe('FTS5 match expressions', () => {
  it('quotes every term, ANDs the words, and lets the last one match as a prefix', () => {
    expect(buildMatchExpression([['cone'], ['beam']], { prefixLast: true, mode: 'all' })).toBe(
      '"cone" AND "beam"*',
    );
    expect(buildMatchExpression([['ultrasond', 'ultrasound']], { prefixLast: false, mode: 'all' })).toBe(
      '("ultrasond" OR "ultrasound")',
    );
    expect(buildMatchExpression([['a'], ['b']], { prefixLast: false, mode: 'any' })).toBe('"a" OR "b"');
  });

  it('property: for any text, every term in the expression is a quoted run of letters and digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const expression = buildMatchExpression(
          queryWords(text).map((w) => [w]),
          { prefixLast: true, mode: 'all' },
        );
        const stripped = expression.replace(/"[\p{L}\p{N}]+"\*?/gu, '').replace(/ AND /g, '');
        expect(stripped).toBe('');
      }),
      { numRuns: 500 },
    );
  });
});
