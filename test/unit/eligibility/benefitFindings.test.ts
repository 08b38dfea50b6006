// What each 271 line means for VerifyDesk: the domain note's expected parse, line by line, as ledger
// statements; another payer's style (IND/FAM and in/out-of-network pairs, year-to-date amounts, the
// plan's share in EB08, windows in years, age limits, code ranges); a medical plan's imaging line; and
// a file that contradicts itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  readMemberBenefits,
  fractionBp,
  type ReadingOptions,
} from '../../../src/shared/eligibility/benefitFindings';
import { read271, type Member } from '../../../src/shared/x12/read271';
import { readEnvelope } from '../../../src/shared/x12/readEnvelope';
import { tokenizeX12 } from '../../../src/shared/x12/tokenizeX12';
import { dependent, interchange, payerAndOffice, subscriber } from '../../helpers/x12Builder';

const domainSample = readFileSync(path.resolve(__dirname, '../../fixtures/x12/domain-sample.x12'), 'utf8');

function members(text: string): Member[] {
  const { delimiters, segments } = tokenizeX12(text);
  return readEnvelope(segments).flatMap((i) =>
    i.transactions.flatMap((t) => read271(t, delimiters).subscribers),
  );
}

const DENTAL: ReadingOptions = {
  fileDate: '2025-01-15',
  coinsurance: 'patient_share',
  planKind: 'dental',
  network: 'in',
};

/** Each finding as topic -> the statements it makes, "target field code = value". */
function statementsByTopic(reading: ReturnType<typeof readMemberBenefits>): Array<[string, string[]]> {
  return reading.findings.map((f) => [
    f.topic,
    f.statements.map(
      (s) => `${s.target} ${s.field}${s.code ? ` ${s.code}` : ''} = ${JSON.stringify(s.value)}`,
    ),
  ]);
}

describe('the domain sample, line by line (the note’s expected parse)', () => {
  const jane = members(domainSample)[0]!;
  const reading = readMemberBenefits(jane, null, DENTAL);

  it('reads who and what: active, plan begin, group', () => {
    expect(reading).toMatchObject({
      status: 'active',
      effectiveDate: '2025-01-01',
      terminationDate: null,
      groupNumber: 'GRP-TEST-42',
      rejections: [],
    });
  });

  it('gives exactly these statements', () => {
    expect(statementsByTopic(reading)).toEqual([
      // 1. Active dental coverage, PPO, plan begin 2025-01-01, group GRP-TEST-42.
      [
        'Coverage',
        ['coverage effectiveDate = "2025-01-01"', 'plan fact:plan_type = {"type":"choice","value":"ppo"}'],
      ],
      // 2. Individual annual maximum $1500 per calendar year, $1200 remaining, in network.
      [
        'Maximum',
        [
          'plan annualMaxCents = 150000',
          'coverage maxRemainingCents = 120000',
          'plan benefitYearStartMonth = 1',
        ],
      ],
      // 3. Individual deductible $50 per calendar year, $25 remaining; the message kept verbatim.
      [
        'Deductible',
        [
          'plan deductibleIndividualCents = 5000',
          'coverage deductibleMetCents = 2500',
          'plan fact:payer_notes = {"type":"text","value":"DEDUCTIBLE WAIVED FOR DIAGNOSTIC AND PREVENTIVE (SYNTHETIC)"}',
        ],
      ],
      // 4. Patient coinsurance 0/20/20/50% -> plan pays 100/80/80/50; X-ray decides Diagnostic.
      ['Coinsurance', ['plan coverageByCategory = {"diagnostic":8000,"major":5000,"oral_surgery":8000}']],
      // 5. D0330: 1 visit per 60 months, last done 2023-03-15, next eligible 2028-03-15; the message.
      [
        'D0330',
        [
          'plan frequency D0330 = {"count":1,"per":"months","months":60,"sharedWith":[]}',
          'patient service D0330 = {"date":"2023-03-15","reportedBy":"payer"}',
          'coverage nextEligibleOn D0330 = "2028-03-15"',
          'plan fact:limitations D0330 = {"type":"text","value":"PANORAMIC AND FULL MOUTH SERIES SHARE ONE FREQUENCY (SYNTHETIC)"}',
        ],
      ],
      // 6. D0367: patient pays 50%, prior authorization required; the message.
      [
        'D0367',
        [
          'plan covered D0367 = "yes"',
          'plan coverageBp D0367 = 5000',
          'plan priorAuth D0367 = "required"',
          'plan fact:limitations D0367 = {"type":"text","value":"CONE BEAM CT REQUIRES PRIOR AUTHORIZATION - SUBMIT NARRATIVE AND 2D IMAGES (SYNTHETIC)"}',
        ],
      ],
      // 7. D0367 limited to 1 per lifetime.
      ['D0367', ['plan frequency D0367 = {"count":1,"per":"lifetime","months":null,"sharedWith":[]}']],
      // 8. D0364 not covered by this dental plan; the message points to medical.
      [
        'D0364',
        [
          'plan covered D0364 = "no"',
          'plan fact:exclusion_wording D0364 = {"type":"text","value":"LIMITED FIELD CBCT NOT A COVERED DENTAL BENEFIT - CHECK MEDICAL PLAN (SYNTHETIC)"}',
        ],
      ],
      // 9. Another payer (synthetic medical plan, 88888, 5555550100), reported as primary: shown, flagged.
      ['Another payer', []],
    ]);
  });

  it('says each line in words a person checks, with what it does not record', () => {
    const byKey = new Map(reading.findings.map((f) => [f.topic, f]));
    expect(byKey.get('Coinsurance')!.words).toEqual([
      'diagnostic dental (23): patient pays 0%, plan pays 100%, in network',
      'diagnostic X-ray (4): patient pays 20%, plan pays 80%, in network',
      'oral surgery (40): patient pays 20%, plan pays 80%, in network',
      'prosthodontics (39): patient pays 50%, plan pays 50%, in network',
    ]);
    expect(byKey.get('Coinsurance')!.notes).toContain(
      'diagnostic dental (23) is not used for Diagnostic: diagnostic X-ray (4) is, because the imaging codes follow it.',
    );
    expect(byKey.get('D0330')!.words).toEqual([
      'Limitations, individual, diagnostic X-ray (4), in network, AD:D0330',
      'Frequency: 1 visit per 60 months',
      'Last done 03/15/2023',
      'Message: "PANORAMIC AND FULL MOUTH SERIES SHARE ONE FREQUENCY (SYNTHETIC)"',
    ]);
    expect(byKey.get('Another payer')!.words).toEqual([
      'Other or additional payer, health benefit plan coverage (30)',
      'primary payer: SYNTHETIC MEDICAL PLAN (TEST), payer ID 88888, phone 5555550100',
    ]);
    expect(byKey.get('Another payer')!.notes).toEqual([
      'Another plan is reported as the primary payer: check which plan pays first before the call.',
    ]);
    expect(reading.findings.find((f) => f.key === 'deductible')!.notes).toEqual([
      'Deductible met is worked out from the file: $50.00 deductible less $25.00 remaining.',
    ]);
  });

  it('a payer set to send the plan’s share reads the same percents the other way', () => {
    const inverted = readMemberBenefits(jane, null, { ...DENTAL, coinsurance: 'plan_share' });
    const coinsurance = inverted.findings.find((f) => f.topic === 'Coinsurance')!;
    expect(coinsurance.statements[0]!.value).toEqual({ diagnostic: 2000, major: 5000, oral_surgery: 2000 });
    expect(coinsurance.notes[0]).toBe(
      'Percents read as the plan’s share: this payer is set to send them inverted.',
    );
  });

  it('fractions become basis points exactly, never through a float', () => {
    expect(['0', '0.2', '.8', '1', '1.0', '0.125', '0.33335', '0.33334'].map(fractionBp)).toEqual([
      0, 2000, 8000, 10000, 10000, 1250, 3334, 3333,
    ]);
    expect(['20', '1.5', '-0.2', '', '.', 'abc'].map(fractionBp)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});

describe('another payer’s style', () => {
  // In and out-of-network pairs, IND and FAM, year-to-date amounts, windows in years, an age limit, a code
  // range, a CPT line, an unknown EB code; the plan's share in EB08 (this payer inverts).
  const styleB = interchange(
    [
      [
        ...payerAndOffice('SYNTHETIC MUTUAL DENTAL (TEST)', '77777'),
        ...subscriber({
          hl: 3,
          last: 'SYNTHMOTHER',
          first: 'ROSA',
          memberId: 'SMD-4410',
          dob: '1984-07-14',
          group: 'SMD-GROUP-9',
          hasDependents: true,
          benefits: [
            'EB*1*FAM*35*HM',
            'DTP*356*D8*20240701',
            'EB*F*IND*35***22*2000*****Y',
            'DTP*292*RD8*20250701-20260630',
            'EB*F*IND*35***22*1000*****N',
            'EB*F*IND*35***24*650*****Y',
            'EB*C*IND*35***22*75*****Y',
            'EB*C*FAM*35***22*225*****Y',
            'EB*C*IND*35***24*75*****Y',
            'EB*C*IND*23***22*0*****Y',
            'EB*A*IND*4^23*****0.8****Y',
            'EB*A*IND*4*****0.5****N',
            'EB*F*IND*4*********Y*AD:D0364::::::D0368',
            'HSD*VS*1***21*3',
            'EB*A*IND*4*****1***N*Y*AD:D0364::::::D0368',
            'EB*F*IND*4******S7*18***AD:D0340',
            'EB*A*IND*4*****0.8****Y*HC:70486',
            'EB*S*IND*35',
            'MSG*HISTORY AVAILABLE ON THE PORTAL (SYNTHETIC)',
          ],
        }),
        ...dependent(3, {
          hl: 4,
          last: 'SYNTHMOTHER',
          first: 'TEO',
          dob: '2013-03-03',
          benefits: ['EB*6*IND*35', 'DTP*357*D8*20250531', 'EB*A*IND*4*****0.8****Y'],
        }),
      ],
    ],
    { date: '2025-09-02' },
  );
  const [rosa] = members(styleB);
  const options: ReadingOptions = {
    fileDate: '2025-09-02',
    coinsurance: 'plan_share',
    planKind: 'dental',
    network: 'in',
  };
  const reading = readMemberBenefits(rosa!, null, options);

  it('takes the in-network amounts, the service year from its dates, year-to-date as used and met', () => {
    expect(
      Object.fromEntries(
        statementsByTopic(reading).filter(([t]) =>
          ['Coverage', 'Maximum', 'Deductible', 'Deductible waived', 'Coinsurance'].includes(t),
        ),
      ),
    ).toEqual({
      Coverage: [
        'coverage effectiveDate = "2024-07-01"',
        'plan fact:plan_type = {"type":"choice","value":"dhmo"}',
      ],
      Maximum: [
        'plan annualMaxCents = 200000',
        'coverage maxUsedCents = 65000',
        'plan benefitYearStartMonth = 7',
      ],
      Deductible: [
        'plan deductibleIndividualCents = 7500',
        'plan deductibleFamilyCents = 22500',
        'coverage deductibleMetCents = 7500',
        'plan fact:payer_notes = {"type":"text","value":"HISTORY AVAILABLE ON THE PORTAL (SYNTHETIC)"}',
      ],
      'Deductible waived': ['plan deductibleWaivedCategories = ["diagnostic"]'],
      // 4^23 is one line for two service types: X-ray decides Diagnostic; the plan's share, 80%.
      Coinsurance: ['plan coverageByCategory = {"diagnostic":8000}'],
    });
    const maximum = reading.findings.find((f) => f.topic === 'Maximum')!;
    expect(maximum.notes).toContain(
      'One line is for out-of-network care: shown, not recorded (the office is in network).',
    );
  });

  it('reads a code range, a window in years, an age limit; leaves CPT and unknown lines as words', () => {
    const codes = statementsByTopic(reading).filter(([t]) => t.startsWith('D0') || t.startsWith('HC'));
    expect(codes).toEqual([
      [
        'D0364, D0365, D0366, D0367, D0368',
        ['D0364', 'D0365', 'D0366', 'D0367', 'D0368'].map(
          (c) => `plan frequency ${c} = {"count":1,"per":"months","months":36,"sharedWith":[]}`,
        ),
      ],
      [
        'D0364, D0365, D0366, D0367, D0368',
        ['D0364', 'D0365', 'D0366', 'D0367', 'D0368'].flatMap((c) => [
          `plan covered ${c} = "yes"`,
          `plan coverageBp ${c} = 10000`,
          `plan priorAuth ${c} = "not_required"`,
        ]),
      ],
      ['D0340', ['plan ageLimits D0340 = {"min":null,"max":18}']],
      ['HC:70486', []],
    ]);
    expect(reading.findings.find((f) => f.topic === 'HC:70486')!.notes).toContain(
      'Not a CDT code VerifyDesk can record (or a range of more than 20 codes): shown, not recorded.',
    );
    const history = reading.findings.find((f) => f.topic === 'Prior year(s) history')!;
    expect(history.statements).toEqual([]);
    expect(history.notes[0]).toBe('Shown as the payer sent it; nothing is recorded from this line.');
  });

  it('a terminated dependent: inactive, with its end date, and the subscriber’s group', () => {
    const teo = readMemberBenefits(rosa!.dependents[0]!, rosa!, options);
    expect(teo).toMatchObject({
      status: 'inactive',
      terminationDate: '2025-05-31',
      groupNumber: 'SMD-GROUP-9',
    });
    expect(teo.findings[0]!.notes).toEqual(['The payer says this coverage is not active.']);
    expect(statementsByTopic(teo)[0]).toEqual(['Coverage', ['coverage terminationDate = "2025-05-31"']]);
  });

  it('out of network: the out-of-network amounts count instead', () => {
    const out = readMemberBenefits(rosa!, null, { ...options, network: 'out' });
    expect(statementsByTopic(out).find(([t]) => t === 'Maximum')![1]).toEqual([
      'plan annualMaxCents = 100000',
      'plan benefitYearStartMonth = 7',
    ]);
    expect(statementsByTopic(out).find(([t]) => t === 'Coinsurance')![1]).toEqual([
      'plan coverageByCategory = {"diagnostic":5000}',
    ]);
  });
});

describe('a medical plan, and a file that contradicts itself', () => {
  it('a medical plan takes its imaging coinsurance (MRI/CT first) for the medical-plan call, and no dental amounts', () => {
    const [m] = members(
      interchange(
        [
          [
            ...payerAndOffice('SYNTHETIC MEDICAL PLAN (TEST)', '88888'),
            ...subscriber({
              hl: 3,
              last: 'TESTPATIENT',
              first: 'JANE',
              memberId: 'MED-555',
              dob: '1980-01-01',
              benefits: [
                'EB*1*IND*30*C1',
                'EB*C*IND*30***23*1500*****Y',
                'EB*A*IND*73*****0.3****Y',
                'EB*A*IND*62*****0.2****Y',
                'EB*A*IND*4*****0.1****Y',
              ],
            }),
          ],
        ],
        { date: '2025-09-02' },
      ),
    );
    const reading = readMemberBenefits(m!, null, { ...DENTAL, fileDate: '2025-09-02', planKind: 'medical' });
    expect(statementsByTopic(reading)).toEqual([
      ['Coverage', []],
      ['Deductible', []],
      ['Coinsurance', ['plan fact:medical_coinsurance = {"type":"percent","value":8000}']],
    ]);
  });

  it('two different values for one field are both left out, and said so; the same value twice is kept once', () => {
    const [m] = members(
      interchange(
        [
          [
            ...payerAndOffice(),
            ...subscriber({
              hl: 3,
              last: 'TESTPATIENT',
              first: 'JANE',
              memberId: 'SYN000111',
              dob: '1980-01-01',
              benefits: [
                'EB*A*IND*4*****0.5***Y*Y*AD:D0367',
                'EB*A*IND*4*****0.2****Y*AD:D0367',
                'EB*F*IND*4***32***P6*1**Y*AD:D0330',
                'EB*F*IND*4***32***P6*1**Y*AD:D0330',
              ],
            }),
          ],
        ],
        { date: '2025-09-02' },
      ),
    );
    const reading = readMemberBenefits(m!, null, { ...DENTAL, fileDate: '2025-09-02' });
    const all = reading.findings.flatMap((f) => f.statements.map((s) => `${s.field} ${s.code}`));
    expect(all).toEqual(['covered D0367', 'priorAuth D0367', 'frequency D0330']);
    expect(reading.findings[2]!.notes).toContain(
      'The file gives two different values for D0367 Coverage %: neither is recorded.',
    );
  });
});
