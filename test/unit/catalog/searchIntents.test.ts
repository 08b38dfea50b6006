import { describe, expect, it } from 'vitest';
import catalogFile from '../../../resources/catalog/cdt-imaging.json';
import { catalogFileSchema } from '../../../src/shared/catalog/catalogTypes';
import {
  conceptOf,
  isStopWord,
  MODALITIES,
  modalitiesIn,
  modalitiesOf,
} from '../../../src/shared/catalog/searchIntents';
import { stem } from '../../../src/shared/catalog/stem';

const catalog = catalogFileSchema.parse(catalogFile);

describe('modalities named in a query', () => {
  it.each([
    [['cbct', 'both', 'jaws'], ['cbct']],
    [['cone', 'beam'], ['cbct']],
    [['3d', 'x', 'ray'], ['cbct']],
    [['tomografia'], ['cbct']],
    [['mri', 'tmj'], ['mri']],
    [['sonogram'], ['ultrasound']],
    [['sialo'], ['sialography', 'sialoendoscopy']],
    [['photos'], ['photo']],
    [['jaw', 'pain'], []],
    [['cone'], []],
  ])('%j names %j', (words, expected) => {
    expect([...modalitiesIn(words, false)].sort()).toEqual([...expected].sort());
  });

  it('an unfinished last word counts from three letters ("ultras", "cone be" not yet "cone b")', () => {
    expect([...modalitiesIn(['ultras'], true)]).toEqual(['ultrasound']);
    expect([...modalitiesIn(['cone', 'be'], true)]).toEqual([]);
    expect([...modalitiesIn(['cone', 'bea'], true)]).toEqual(['cbct']);
    expect([...modalitiesIn(['ultras'], false)]).toEqual([]);
  });

  it('every modality code is a catalog code, of the modality its phrases name', () => {
    const byCode = new Map(catalog.codes.map((c) => [c.code, c]));
    for (const m of MODALITIES) {
      for (const code of m.codes) expect(byCode.has(code), `${m.id} ${code}`).toBe(true);
    }
    for (const code of ['D0364', 'D0367', 'D0380', 'D0384']) expect(modalitiesOf(code)).toEqual(['cbct']);
    expect(modalitiesOf('D0391')).toEqual([]); // reading is not a modality: it is any of them
  });
});

describe('concept and stop words', () => {
  it.each([
    ['capture', 'capture'],
    ['captured', 'capture'],
    ['tc', 'capture'],
    ['read', 'interpretation'],
    ['reading', 'interpretation'],
    ['report', 'interpretation'],
    ['radiologist', 'interpretation'],
    ['deleted', 'deleted'],
    ['old', 'deleted'],
    ['cpt', 'medical'],
    ['jaw', null],
  ])('%s -> %s', (word, concept) => {
    expect(conceptOf(stem(word))).toBe(concept);
  });

  it('function words, English and Spanish, carry nothing; "under" and "left" do', () => {
    for (const w of ['the', 'of', 'in', 'la', 'de', 'en', 'only']) expect(isStopWord(stem(w)), w).toBe(true);
    for (const w of ['under', 'left', 'right', 'both', 'not']) expect(isStopWord(stem(w)), w).toBe(false);
  });
});
