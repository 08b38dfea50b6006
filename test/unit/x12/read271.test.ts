// Our reading of the 271 loops: the domain sample decodes element by element as the domain note's table
// says; dependents sit under their subscriber; request errors (AAA) are kept; and the segments of a loop
// may come in any order the guide allows without changing what is read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { read271, type EligibilityResponse } from '../../../src/shared/x12/read271';
import { readEnvelope } from '../../../src/shared/x12/readEnvelope';
import { tokenizeX12 } from '../../../src/shared/x12/tokenizeX12';
import { X12Error } from '../../../src/shared/x12/x12Types';
import { dependent, interchange, payerAndOffice, subscriber } from '../../helpers/x12Builder';

const domainSample = readFileSync(path.resolve(__dirname, '../../fixtures/x12/domain-sample.x12'), 'utf8');

function readAll(text: string): EligibilityResponse[] {
  const { delimiters, segments } = tokenizeX12(text);
  return readEnvelope(segments).flatMap((i) => i.transactions.map((t) => read271(t, delimiters)));
}

function structureError(text: string): string {
  try {
    readAll(text);
  } catch (error) {
    if (error instanceof X12Error && error.problem === 'structure') return error.message;
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('reading the 271 loops', () => {
  it('the domain sample, as decoded in the domain note', () => {
    const [r] = readAll(domainSample);
    expect(r).toMatchObject({ purpose: '11', reference: 'SYNTH-270-TRACE-0001', createdOn: '2025-01-15' });
    expect(r!.source).toMatchObject({
      role: 'PR',
      name: 'SYNTHETIC DENTAL PLAN (TEST ONLY)',
      idQualifier: 'PI',
      id: '99999',
    });
    expect(r!.receiver).toMatchObject({ role: '1P', idQualifier: 'XX', id: '1234567893' });
    const [jane] = r!.subscribers;
    expect(jane).toMatchObject({
      level: 'subscriber',
      traces: ['SYNTH-TRACE-0001'],
      name: { last: 'TESTPATIENT', first: 'JANE' },
      memberId: 'SYN000111',
      references: [{ qualifier: '6P', id: 'GRP-TEST-42', description: 'SYNTHETIC EMPLOYER GROUP' }],
      birthDate: '1980-01-01',
      gender: 'F',
      relationship: '18',
      dates: [{ qualifier: '346', from: '2025-01-01', to: '2025-01-01' }],
      rejections: [],
      dependents: [],
    });
    const eb = jane!.benefits;
    expect(eb).toHaveLength(14);
    const nonEmpty = (b: (typeof eb)[number]) =>
      Object.fromEntries(
        (
          [
            ['EB01', b.info],
            ['EB02', b.level],
            ['EB03', b.serviceTypes.join('^')],
            ['EB04', b.insuranceType],
            ['EB05', b.planDescription],
            ['EB06', b.period],
            ['EB07', b.amount],
            ['EB08', b.percent],
            ['EB09', b.quantityQualifier],
            ['EB10', b.quantity],
            ['EB11', b.authorization],
            ['EB12', b.inNetwork],
            ['EB13', b.procedure ? `${b.procedure.qualifier}:${b.procedure.code}` : ''],
          ] as const
        ).filter(([, v]) => v !== ''),
      );
    // The note's "decoded non-empty elements" table, row by row.
    expect(nonEmpty(eb[0]!)).toEqual({
      EB01: '1',
      EB02: 'IND',
      EB03: '35',
      EB04: 'PR',
      EB05: 'SYNTHETIC DENTAL PPO',
    });
    expect(nonEmpty(eb[1]!)).toEqual({
      EB01: 'F',
      EB02: 'IND',
      EB03: '35',
      EB06: '23',
      EB07: '1500',
      EB12: 'Y',
    });
    expect(nonEmpty(eb[2]!)).toEqual({
      EB01: 'F',
      EB02: 'IND',
      EB03: '35',
      EB06: '29',
      EB07: '1200',
      EB12: 'Y',
    });
    expect(nonEmpty(eb[3]!)).toEqual({
      EB01: 'C',
      EB02: 'IND',
      EB03: '35',
      EB06: '23',
      EB07: '50',
      EB12: 'Y',
    });
    expect(nonEmpty(eb[4]!)).toEqual({
      EB01: 'C',
      EB02: 'IND',
      EB03: '35',
      EB06: '29',
      EB07: '25',
      EB12: 'Y',
    });
    expect(eb[4]!.messages).toEqual(['DEDUCTIBLE WAIVED FOR DIAGNOSTIC AND PREVENTIVE (SYNTHETIC)']);
    expect(eb.slice(5, 9).map((b) => [b.info, b.level, b.serviceTypes, b.percent, b.inNetwork])).toEqual([
      ['A', 'IND', ['23'], '0', 'Y'],
      ['A', 'IND', ['4'], '0.2', 'Y'],
      ['A', 'IND', ['40'], '0.2', 'Y'],
      ['A', 'IND', ['39'], '0.5', 'Y'],
    ]);
    expect(nonEmpty(eb[9]!)).toEqual({ EB01: 'F', EB02: 'IND', EB03: '4', EB12: 'Y', EB13: 'AD:D0330' });
    expect(eb[9]!.frequencies).toEqual([
      { quantityQualifier: 'VS', quantity: '1', unit: '', modulus: '', period: '34', periods: '60' },
    ]);
    expect(eb[9]!.dates).toEqual([{ qualifier: '304', from: '2023-03-15', to: '2023-03-15' }]);
    expect(nonEmpty(eb[10]!)).toEqual({
      EB01: 'A',
      EB02: 'IND',
      EB03: '4',
      EB08: '0.5',
      EB11: 'Y',
      EB12: 'Y',
      EB13: 'AD:D0367',
    });
    expect(eb[10]!.placesOfService).toEqual(['11']);
    expect(nonEmpty(eb[11]!)).toEqual({
      EB01: 'F',
      EB02: 'IND',
      EB03: '4',
      EB06: '32',
      EB09: 'P6',
      EB10: '1',
      EB12: 'Y',
      EB13: 'AD:D0367',
    });
    expect(nonEmpty(eb[12]!)).toEqual({ EB01: 'I', EB02: 'IND', EB03: '4', EB13: 'AD:D0364' });
    expect(nonEmpty(eb[13]!)).toEqual({ EB01: 'R', EB03: '30' });
    expect(eb[13]!.entities).toEqual([
      {
        role: 'PRP',
        name: 'SYNTHETIC MEDICAL PLAN (TEST)',
        idQualifier: 'PI',
        id: '88888',
        contacts: [{ qualifier: 'TE', value: '5555550100' }],
      },
    ]);
    // Nothing is dropped: every segment of every benefit is kept as written.
    expect(eb.flatMap((b) => b.raw)).toHaveLength(25);
    expect(eb[13]!.raw).toEqual([
      'EB*R**30',
      'LS*2120',
      'NM1*PRP*2*SYNTHETIC MEDICAL PLAN (TEST)*****PI*88888',
      'PER*IC**TE*5555550100',
      'LE*2120',
    ]);
  });

  it('the negative sample: subscriber not found, no benefits', () => {
    const [r] = readAll(
      interchange(
        [[...payerAndOffice(), 'HL*3*2*22*0', 'NM1*IL*1*TESTPATIENT*JANE****MI*SYN000999', 'AAA*N**75*C']],
        {
          date: '2025-01-15',
        },
      ),
    );
    expect(r!.subscribers[0]).toMatchObject({
      memberId: 'SYN000999',
      rejections: [{ valid: false, reason: '75', followUp: 'C' }],
      benefits: [],
    });
  });

  it('dependents sit under their subscriber, with the subscriber’s member ID on the subscriber', () => {
    const [r] = readAll(
      interchange(
        [
          [
            ...payerAndOffice(),
            ...subscriber({
              hl: 3,
              last: 'SYNTHPARENT',
              first: 'ALEX',
              memberId: 'FAM100',
              dob: '1979-02-03',
              hasDependents: true,
              benefits: ['EB*1*IND*35'],
            }),
            ...dependent(3, {
              hl: 4,
              last: 'SYNTHPARENT',
              first: 'KIM',
              dob: '2012-06-07',
              benefits: ['EB*1*IND*35', 'EB*F*IND*35***29*800*****Y'],
            }),
            ...dependent(3, {
              hl: 5,
              last: 'SYNTHPARENT',
              first: 'LEE',
              dob: '2015-08-09',
              benefits: ['EB*6*IND*35'],
            }),
          ],
        ],
        { date: '2026-01-05' },
      ),
    );
    const [alex] = r!.subscribers;
    expect(
      alex!.dependents.map((d) => [d.level, d.name.first, d.birthDate, d.relationship, d.benefits.length]),
    ).toEqual([
      ['dependent', 'KIM', '2012-06-07', '19', 2],
      ['dependent', 'LEE', '2015-08-09', '19', 1],
    ]);
    expect(alex!.memberId).toBe('FAM100');
  });

  it('refuses what the guide does not allow: a benefit before the member’s name, a loop under the wrong parent, a stray segment', () => {
    expect(
      structureError(
        interchange([[...payerAndOffice(), 'HL*3*2*22*0', 'EB*1*IND*35', 'NM1*IL*1*A*B****MI*1']], {
          date: '2026-01-05',
        }),
      ),
    ).toContain('a benefit (EB) must follow');
    expect(
      structureError(
        interchange([[...payerAndOffice(), 'HL*3*1*22*0', 'NM1*IL*1*A*B****MI*1']], { date: '2026-01-05' }),
      ),
    ).toContain('does not sit under the level');
    expect(
      structureError(
        interchange([[...payerAndOffice(), 'HL*3*2*22*0', 'NM1*IL*1*A*B****MI*1', 'EB*1', 'CLP*1*2']], {
          date: '2026-01-05',
        }),
      ),
    ).toContain('CLP does not belong inside a benefit');
    expect(
      structureError(
        interchange(
          [[...payerAndOffice(), 'HL*3*2*22*0', 'NM1*IL*1*A*B****MI*1', 'EB*1', 'LS*2120', 'NM1*PRP*2*X']],
          { date: '2026-01-05' },
        ),
      ),
    ).toContain('LS*2120 was never closed');
    expect(
      structureError(
        interchange([[...payerAndOffice(), 'HL*3*2*22*0', 'NM1*IL*1*A*B****MI*1', 'DMG*D8*19800231']], {
          date: '2026-01-05',
        }),
      ),
    ).toContain('the birth date "19800231" is not a real date');
  });

  it('any order the guide allows within a loop reads the same', () => {
    // Segments of each loop by kind, in a fixed order within each kind; a property interleaves the kinds.
    const memberLoop: Record<string, string[]> = {
      REF: ['REF*6P*GRP-TEST-42*SYNTHETIC EMPLOYER GROUP', 'REF*18*PLAN-7'],
      DMG: ['DMG*D8*19800101*F'],
      INS: ['INS*Y*18'],
      DTP: ['DTP*346*D8*20250101', 'DTP*356*D8*20250201'],
      N3: ['N3*1 SYNTHETIC WAY'],
    };
    const benefitLoop: Record<string, string[]> = {
      HSD: ['HSD*VS*1***34*60', 'HSD*VS*2***23*1'],
      REF: ['REF*G1*PA-123'],
      DTP: ['DTP*304*D8*20230315', 'DTP*348*D8*20250101'],
      AAA: ['AAA*Y**AG*C'],
      MSG: ['MSG*FIRST MESSAGE (SYNTHETIC)', 'MSG*SECOND MESSAGE (SYNTHETIC)'],
    };
    const interleave = (groups: Record<string, string[]>, picks: number[]) => {
      const queues = Object.values(groups).map((g) => [...g]);
      const out: string[] = [];
      let k = 0;
      while (queues.some((q) => q.length > 0)) {
        const open = queues.filter((q) => q.length > 0);
        out.push(open[(picks[k++] ?? 0) % open.length]!.shift()!);
      }
      return out;
    };
    const build = (memberPicks: number[], benefitPicks: number[]) =>
      interchange(
        [
          [
            ...payerAndOffice(),
            'HL*3*2*22*0',
            'TRN*2*SYNTH-TRACE-0001*9EXAMPLEOF',
            'NM1*IL*1*TESTPATIENT*JANE****MI*SYN000111',
            ...interleave(memberLoop, memberPicks),
            'EB*F*IND*4*********Y*AD:D0330',
            ...interleave(benefitLoop, benefitPicks),
            'III*ZZ*11',
            'LS*2120',
            'NM1*VN*2*SYNTHETIC IMAGING VENDOR',
            'PER*IC**TE*5555550101',
            'LE*2120',
            'EB*1*IND*35',
          ],
        ],
        { date: '2026-01-05' },
      );
    const meaning = (r: EligibilityResponse) => {
      const m = r.subscribers[0]!;
      return {
        ...m,
        raw: [...m.raw].sort(),
        benefits: m.benefits.map(({ raw, position: _p, ...b }) => ({ ...b, raw: [...raw].sort() })),
      };
    };
    const reference = meaning(readAll(build([], []))[0]!);
    expect(reference.benefits[0]!.frequencies).toHaveLength(2);
    expect(reference.benefits[0]!.messages).toEqual([
      'FIRST MESSAGE (SYNTHETIC)',
      'SECOND MESSAGE (SYNTHETIC)',
    ]);
    expect(reference.dates.map((d) => d.qualifier)).toEqual(['346', '356']);
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { maxLength: 12 }),
        fc.array(fc.nat(20), { maxLength: 12 }),
        (a, b) => {
          expect(meaning(readAll(build(a, b))[0]!)).toEqual(reference);
        },
      ),
      { numRuns: 200 },
    );
  });
});
