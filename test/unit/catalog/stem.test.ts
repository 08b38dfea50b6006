import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stem } from '../../../src/shared/catalog/stem';

describe('stem', () => {
  it.each([
    ['image', 'images'],
    ['image', 'imaging'],
    ['jaw', 'jaws'],
    ['fracture', 'fractured'],
    ['fracture', 'fractures'],
    ['click', 'clicks'],
    ['click', 'clicking'],
    ['pop', 'popping'],
    ['swelling', 'swollen'],
    ['tooth', 'teeth'],
    ['read', 'reading'],
    ['read', 'reads'],
    ['photo', 'photos'],
    ['cavity', 'cavities'],
    ['scan', 'scanned'],
  ])('%s and %s meet', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it.each(['sialolithiasis', 'stenosis', 'abscess', 'sinus', 'us', 'ct', 'd0367', 'k11', '3d'])(
    '%s is left alone (not a plural, or a code or abbreviation)',
    (word) => {
      expect(stem(word)).toBe(word);
    },
  );

  it('keeps words apart that mean different things', () => {
    expect(stem('need')).not.toBe(stem('ne'));
    expect(stem('mandible')).not.toBe(stem('maxilla'));
    expect(stem('infection')).not.toBe(stem('infected')); // no -ion rule: kept deliberately small
  });

  it('property: a plural in -s meets its singular', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3,12}[bcdfgklmnprtvw]$/), (word) => {
        expect(stem(`${word}s`)).toBe(stem(word));
      }),
      { numRuns: 2000 },
    );
  });
});
