// What a lookup query asks for besides its words: an imaging modality ("cbct", "mri"), a kind of code
// ("capture only", "read by a radiologist"), or deleted codes ("old code"). These decide ranking before
// word matches do, because a person who names the modality means it even when other entries share more
// words with the query. Words are compared after stemming, so "reads", "reading" and "read" are one.
import { stem } from './stem';

export interface Modality {
  id: string;
  /** Word sequences that name it, as typed (stemmed when compared). */
  phrases: readonly string[][];
  /** The CDT codes of that modality. */
  codes: readonly string[];
}

export const MODALITIES: readonly Modality[] = [
  {
    id: 'cbct',
    phrases: [
      ['cbct'],
      ['cone', 'beam'],
      ['conebeam'],
      ['3d', 'x', 'ray'],
      ['3d', 'xray'],
      ['ct'],
      ['cat', 'scan'],
      ['tomografia'],
    ],
    codes: [
      'D0360',
      'D0364',
      'D0365',
      'D0366',
      'D0367',
      'D0368',
      'D0380',
      'D0381',
      'D0382',
      'D0383',
      'D0384',
    ],
  },
  {
    id: 'mri',
    phrases: [['mri'], ['mr'], ['magnetic', 'resonance'], ['resonancia']],
    codes: ['D0369', 'D0385'],
  },
  {
    id: 'ultrasound',
    phrases: [['ultrasound'], ['sonogram'], ['sonography'], ['sono'], ['ultrasonido']],
    codes: ['D0370', 'D0386'],
  },
  {
    id: 'sialography',
    phrases: [['sialography'], ['sialogram'], ['sialografia'], ['sialo']],
    codes: ['D0310'],
  },
  {
    id: 'sialoendoscopy',
    phrases: [['sialoendoscopy'], ['sialendoscopy'], ['sialo']],
    codes: ['D0371'],
  },
  {
    id: 'arthrography',
    phrases: [['arthrogram'], ['arthrography'], ['artrografia']],
    codes: ['D0320'],
  },
  {
    id: 'tomosynthesis',
    phrases: [['tomosynthesis']],
    codes: ['D0372', 'D0373', 'D0374', 'D0387', 'D0388', 'D0389'],
  },
  {
    id: 'panoramic',
    phrases: [['pano'], ['panoramic'], ['panorex'], ['panoramica'], ['opg']],
    codes: ['D0330', 'D0701'],
  },
  {
    id: 'cephalometric',
    phrases: [['ceph'], ['cephalometric'], ['cefalometrica']],
    codes: ['D0340', 'D0702'],
  },
  {
    id: 'photo',
    phrases: [['photo'], ['photograph'], ['picture'], ['foto']],
    codes: ['D0350', 'D0351', 'D0703', 'D0704'],
  },
  {
    id: 'surfaceScan',
    phrases: [
      ['surface', 'scan'],
      ['intraoral', 'scan'],
      ['digital', 'impression'],
    ],
    codes: ['D0801', 'D0802', 'D0803', 'D0804'],
  },
];

/** Words asking for capture-only codes. */
const CAPTURE = ['capture', 'captured', 'capturing', 'tc', 'technical'];
/** Words about reading and reports: they mean the interpretation-only code, not "read by this office". */
const INTERPRETATION = [
  'read',
  'reading',
  'reads',
  'interpret',
  'interpretation',
  'interpreted',
  'interpreting',
  'report',
  'reports',
  'radiologist',
  'radiology',
  '26',
];
/** Words asking for the numbers medical plans use (CPT hints). */
const MEDICAL = ['cpt', 'hcpcs', 'medical'];
/** Words asking for codes that are no longer valid. */
const DELETED = ['deleted', 'old', 'retired', 'discontinued', 'obsolete', 'former', 'outdated', 'expired'];

/** Words that carry no meaning for a code lookup (English, and the Spanish ones staff mix in). */
const STOP = [
  'a',
  'an',
  'the',
  'of',
  'in',
  'on',
  'at',
  'for',
  'and',
  'or',
  'to',
  'with',
  'by',
  'from',
  'is',
  'are',
  'was',
  'my',
  'our',
  'your',
  'his',
  'her',
  'pt',
  'patient',
  'code',
  'codes',
  'cdt',
  'dx',
  'what',
  'which',
  'does',
  'do',
  'need',
  'needs',
  'please',
  'only',
  'per',
  'that',
  'this',
  'it',
  'its',
  'has',
  'have',
  'de',
  'la',
  'el',
  'en',
  'del',
  'los',
  'las',
  'y',
  'con',
  'para',
  'un',
  'una',
];

const stems = (words: readonly string[]) => new Set(words.map(stem));
const CAPTURE_STEMS = stems(CAPTURE);
const INTERPRETATION_STEMS = stems(INTERPRETATION);
const DELETED_STEMS = stems(DELETED);
const MEDICAL_STEMS = stems(MEDICAL);
const STOP_STEMS = stems(STOP);

export type Concept = 'capture' | 'interpretation' | 'deleted' | 'medical';

/** The concept a word stands for, if it stands for one. */
export function conceptOf(wordStem: string): Concept | null {
  if (CAPTURE_STEMS.has(wordStem)) return 'capture';
  if (INTERPRETATION_STEMS.has(wordStem)) return 'interpretation';
  if (DELETED_STEMS.has(wordStem)) return 'deleted';
  if (MEDICAL_STEMS.has(wordStem)) return 'medical';
  return null;
}

export function isStopWord(wordStem: string): boolean {
  return STOP_STEMS.has(wordStem);
}

const MODALITY_PHRASES = MODALITIES.map((m) => ({
  id: m.id,
  phrases: m.phrases.map((p) => p.map(stem)),
}));

/**
 * The modalities a query names. `words` are the query's words as typed; the last one may be unfinished
 * (then a phrase matches when its last word starts with it, from three letters: "ultras").
 */
export function modalitiesIn(words: readonly string[], lastIsPartial: boolean): Set<string> {
  const found = new Set<string>();
  const wordStems = words.map(stem);
  for (const modality of MODALITY_PHRASES) {
    for (const phrase of modality.phrases) {
      for (let start = 0; start + phrase.length <= words.length; start++) {
        const matches = phrase.every((p, k) => {
          const i = start + k;
          if (wordStems[i] === p) return true;
          const partial = lastIsPartial && i === words.length - 1 && words[i]!.length >= 3;
          return partial && k === phrase.length - 1 && p.startsWith(words[i]!);
        });
        if (matches) found.add(modality.id);
      }
    }
  }
  return found;
}

const MODALITY_BY_CODE = new Map<string, string[]>();
for (const m of MODALITIES) {
  for (const code of m.codes) MODALITY_BY_CODE.set(code, [...(MODALITY_BY_CODE.get(code) ?? []), m.id]);
}

/** The modalities a CDT code belongs to (none for most 2D codes). */
export function modalitiesOf(cdtCode: string): readonly string[] {
  return MODALITY_BY_CODE.get(cdtCode) ?? [];
}
