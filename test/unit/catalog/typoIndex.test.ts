import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TypoIndex, withinOneEdit } from '../../../src/shared/catalog/typoIndex';

/** Reference: optimal string alignment distance by the textbook table. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('withinOneEdit', () => {
  it.each([
    ['ultrasond', 'ultrasound', true],
    ['sialoendscopy', 'sialoendoscopy', true],
    ['panoramc', 'panoramic', true],
    ['bitewnig', 'bitewing', true],
    ['cbct', 'cbtc', true],
    ['abcx', 'abyc', false],
    ['ceph', 'cephalometric', false],
    ['same', 'same', true],
  ])('%s ~ %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });

  it('property: agrees with the reference distance', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(osa(a, b) <= 1);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('TypoIndex', () => {
  const index = new TypoIndex(
    new Map([
      ['ultrasound', 5],
      ['sialoendoscopy', 1],
      ['panoramic', 4],
      ['bitewing', 6],
      ['bitewings', 2],
      ['tomosynthesis', 3],
    ]),
  );

  it.each([
    ['ultrasond', ['ultrasound']],
    ['ultrassound', ['ultrasound']],
    ['ultrasaund', ['ultrasound']],
    ['sialoendscopy', ['sialoendoscopy']],
    ['bitewnig', ['bitewing']],
    ['tomosynthsis', ['tomosynthesis']],
  ])('%s -> %j', (typo, expected) => {
    expect(index.corrections(typo)).toEqual(expected);
  });

  it('leaves known words, short words and far-off words alone', () => {
    expect(index.corrections('panoramic')).toEqual([]);
    expect(index.corrections('pno')).toEqual([]);
    expect(index.corrections('xylophone')).toEqual([]);
  });

  it('prefers the more frequent word when two are one edit away', () => {
    // Both are one edit from "bitewingz"; "bitewing" occurs in more documents (6 against 2).
    expect(index.corrections('bitewingz')).toEqual(['bitewing', 'bitewings']);
  });
});
