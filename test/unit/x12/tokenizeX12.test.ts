// The X12 splitter: delimiters come from the ISA header whatever they are, line breaks are tolerated, and
// every damaged file is refused with words a person can act on. Properties: any four distinct symbols
// declared in ISA split the same file into the same segments and elements.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeX12 } from '../../../src/shared/x12/tokenizeX12';
import { X12Error, type Delimiters } from '../../../src/shared/x12/x12Types';
import { interchange, payerAndOffice, sampleBenefits, STANDARD, subscriber } from '../../helpers/x12Builder';

const FIXTURES = path.resolve(__dirname, '../../fixtures/x12');
const domainSample = readFileSync(path.join(FIXTURES, 'domain-sample.x12'), 'utf8');

function problemOf(text: string): { problem: string; message: string } {
  try {
    tokenizeX12(text);
  } catch (error) {
    if (error instanceof X12Error) return { problem: error.problem, message: error.message };
    throw error;
  }
  throw new Error('the file was accepted');
}

const jane = {
  hl: 3,
  last: 'TESTPATIENT',
  first: 'JANE',
  memberId: 'SYN000111',
  dob: '1980-01-01',
  group: 'GRP-TEST-42',
  planBegin: '2025-01-01',
};

describe('splitting an X12 file', () => {
  it('reads the domain sample: delimiters from ISA, 43 segments, repeats and composites intact', () => {
    const { delimiters, segments } = tokenizeX12(domainSample);
    expect(delimiters).toEqual(STANDARD);
    expect(segments).toHaveLength(43);
    expect(segments[0]!.elements[13]).toBe('000000905');
    const cbct = segments.find((s) => s.id === 'EB' && s.elements[13] === 'AD:D0367')!;
    expect(cbct.elements.slice(1, 4)).toEqual(['A', 'IND', '4']);
    expect(cbct.position).toBe(30);
    expect(segments.at(-1)).toEqual({ id: 'IEA', elements: ['IEA', '1', '000000905'], position: 43 });
  });

  it('the test builder writes the domain sample byte for byte (so built fixtures are like it)', () => {
    const built = interchange(
      [
        [
          ...payerAndOffice(),
          ...subscriber({ ...jane, trace: 'SYNTH-TRACE-0001', benefits: sampleBenefits('2023-03-15') }),
        ],
      ],
      {
        date: '2025-01-15',
      },
    );
    expect(built).toBe(domainSample);
  });

  it('tolerates CR LF after terminators, one long line, wrapped lines and a byte-order mark', () => {
    const body = [[...payerAndOffice(), ...subscriber({ ...jane, benefits: sampleBenefits('2023-03-15') })]];
    const oneLine = interchange(body, { date: '2025-01-15', lineBreak: '' });
    const crlf = interchange(body, { date: '2025-01-15', lineBreak: '\r\n' });
    const wrapped = oneLine.replace(/(.{80})/g, '$1\r\n');
    const reference = tokenizeX12(oneLine).segments;
    expect(tokenizeX12(crlf).segments).toEqual(reference);
    expect(tokenizeX12(wrapped).segments).toEqual(reference);
    expect(tokenizeX12(`\uFEFF${crlf}`).segments).toEqual(reference);
  });

  it('reads a file whose segment terminator is a line break', () => {
    const d: Delimiters = { element: '|', component: '>', repetition: '^', segment: '\n' };
    const text = interchange(
      [[...payerAndOffice(), ...subscriber({ ...jane, benefits: sampleBenefits('2023-03-15') })]],
      {
        date: '2025-01-15',
        delimiters: d,
        lineBreak: '',
      },
    );
    const { delimiters, segments } = tokenizeX12(text.replace(/\n/g, '\r\n'));
    expect(delimiters).toEqual({ ...d, segment: '\r' });
    expect(segments.find((s) => s.id === 'EB' && s.elements[13] === 'AD>D0367')).toBeDefined();
  });

  it('any delimiters declared in ISA split the file into the same segments and elements', () => {
    const symbols = [...'*|~^:>!@#$%&+;=?\\/`{}[]<,_'];
    const body = [[...payerAndOffice(), ...subscriber({ ...jane, benefits: sampleBenefits('2023-03-15') })]];
    const reference = tokenizeX12(interchange(body, { date: '2025-01-15' }));
    const unify = (segments: ReturnType<typeof tokenizeX12>['segments'], d: Delimiters) =>
      segments.map((s) => ({
        ...s,
        elements: s.elements.map((e) =>
          s.id === 'ISA'
            ? e
            : e.replace(/./g, (c) => (c === d.component ? ':' : c === d.repetition ? '^' : c)),
        ),
      }));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...symbols), { minLength: 4, maxLength: 4 }),
        fc.constantFrom('', '\n', '\r\n'),
        ([element, component, repetition, segment], lineBreak) => {
          const d = { element: element!, component: component!, repetition: repetition!, segment: segment! };
          const got = tokenizeX12(interchange(body, { date: '2025-01-15', delimiters: d, lineBreak }));
          expect(got.delimiters).toEqual(d);
          const isaOf = (s: (typeof got.segments)[number]) => s.elements.slice(1, 11);
          expect(isaOf(got.segments[0]!)).toEqual(isaOf(reference.segments[0]!));
          expect(unify(got.segments, d).slice(1)).toEqual(unify(reference.segments, STANDARD).slice(1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('element values with any printable text survive the split unchanged', () => {
    const safe = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789-.,()/&'),
      maxLength: 60,
    });
    fc.assert(
      fc.property(fc.array(safe, { minLength: 1, maxLength: 8 }), (messages) => {
        const body = [
          [
            ...payerAndOffice(),
            ...subscriber({ ...jane, benefits: ['EB*1*IND*35', ...messages.map((m) => `MSG*${m}`)] }),
          ],
        ];
        const { segments } = tokenizeX12(interchange(body, { date: '2025-01-15' }));
        expect(segments.filter((s) => s.id === 'MSG').map((s) => s.elements[1])).toEqual(messages);
      }),
      { numRuns: 100 },
    );
  });
});

describe('files that are not X12, or damaged', () => {
  it('an empty file', () => {
    expect(problemOf('  \r\n')).toMatchObject({ problem: 'empty', message: 'The file is empty.' });
  });

  it('binary junk, and binary data after a good header', () => {
    const junk = String.fromCharCode(...Array.from({ length: 600 }, (_, i) => (i * 37) % 256));
    expect(problemOf(junk)).toMatchObject({ problem: 'binary' });
    expect(problemOf(`${domainSample.slice(0, 200)}\u0000\u0001${domainSample.slice(200)}`)).toMatchObject({
      problem: 'binary',
    });
    expect(problemOf('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n\u0000')).toMatchObject({
      problem: 'binary',
    });
  });

  it('text that is not X12 (a CSV, a 270 written by hand, JSON) says what an X12 file starts with', () => {
    const { problem, message } = problemOf('patient,member id,plan\nJane,SYN000111,PPO\n');
    expect(problem).toBe('not_x12');
    expect(message).toContain('starts with "ISA"');
    expect(message).toContain('"patient,mem…"'.slice(0, 10));
    expect(problemOf('{"eligibility": true}').problem).toBe('not_x12');
  });

  it('an ISA header that is not fixed-width (an edited file) is refused as damaged delimiters', () => {
    const edited = domainSample.replace('SYNTHPAYER     ', 'SYNTHPAYER');
    expect(problemOf(edited)).toMatchObject({ problem: 'delimiters' });
    expect(problemOf(edited).message).toContain('ISA header is damaged');
  });

  it('ISA declaring the same symbol twice, or a letter, as a separator', () => {
    const sameTwice = `${domainSample.slice(0, 104)}~${domainSample.slice(105)}`;
    expect(problemOf(sameTwice).problem).toBe('delimiters');
    const letter = `${domainSample.slice(0, 104)}A${domainSample.slice(105)}`;
    expect(problemOf(letter).problem).toBe('delimiters');
  });

  it('a body written with other delimiters than ISA declares', () => {
    const body = domainSample.slice(106).replace(/\*/g, '|');
    const { problem, message } = problemOf(domainSample.slice(0, 106) + body);
    expect(problem).toBe('delimiters');
    expect(message).toContain('Segment 2 ("GS|HB|SYNTHPAYER');
    expect(message).toContain('does not use the separators its ISA header declares');
  });

  it('a file cut in the middle of a segment names the segment', () => {
    const cut = domainSample.slice(0, domainSample.indexOf('EB*A*IND*40') + 8);
    const { problem, message } = problemOf(cut);
    expect(problem).toBe('truncated');
    expect(message).toBe(
      'The file ends in the middle of a segment ("EB*A*IND", segment 24): it was cut off. Nothing was imported; get the whole file again.',
    );
    expect(problemOf(domainSample.slice(0, 90)).problem).toBe('truncated');
  });

  it('two terminators in a row (an empty segment)', () => {
    expect(problemOf(domainSample.replace('HL*1**20*1~', 'HL*1**20*1~~')).problem).toBe('structure');
  });
});
