// Hand-worked cases. Amounts in cents; each case says the arithmetic it checks.
import { describe, expect, it } from 'vitest';
import { computeEstimate } from '../../../src/shared/estimate/computeEstimate';
import type { CoverageInput } from '../../../src/shared/estimate/estimateTypes';
import { benefits, coverage, input, line, policy } from './builders';

const one = (i: Parameters<typeof computeEstimate>[0]) => computeEstimate(i).lines[0]!;
const noteCodes = (r: { notes: Array<{ code: string }> }) => r.notes.map((n) => n.code);

describe('COB test vectors (two PPO plans, both 50% on the code, office fee $1,200)', () => {
  const twoPlans = (
    method: 'standard' | 'carve_out' | 'non_duplication',
    allowed1: number,
    allowed2: number,
  ) =>
    input({
      coverages: [
        coverage({ allowedFees: { D0367: allowed1 }, policies: { D0367: policy({ coverageBp: 5000 }) } }),
        coverage({
          ordinal: 2,
          label: 'Secondary plan',
          allowedFees: { D0367: allowed2 },
          policies: { D0367: policy({ coverageBp: 5000 }) },
          benefits: benefits({ cobMethod: method }),
        }),
      ],
    });
  it.each([
    ['standard', 90_000, 65_000, 45_000, 30_000, 32_500, 12_500],
    ['standard', 65_000, 90_000, 32_500, 55_000, 32_500, 0],
    ['carve_out', 90_000, 65_000, 45_000, 30_000, 0, 45_000],
    ['non_duplication', 90_000, 65_000, 45_000, 30_000, 0, 45_000],
  ] as const)(
    '%s, allowed %i / %i: primary %i, write-off %i, secondary %i, patient %i',
    (method, a1, a2, p1, wo, p2, patient) => {
      const r = one(twoPlans(method, a1, a2));
      expect(r.coverages[0]).toMatchObject({ insuranceCents: p1, writeOffCents: wo });
      expect(r.coverages[1]).toMatchObject({ insuranceCents: p2, writeOffCents: 0 });
      expect(r.patientCents).toBe(patient);
      expect(r.insuranceCents! + r.writeOffCents + r.patientCents!).toBe(120_000);
    },
  );

  it('carve-out and non-duplication differ from standard when the secondary alone would pay more than the gap', () => {
    // Primary 50% of 900 = 450, write-off 300. Secondary 80% of 900 = 720 normal.
    const sec = (method: 'standard' | 'carve_out') =>
      one(
        input({
          coverages: [
            coverage({ allowedFees: { D0367: 90_000 }, policies: { D0367: policy({ coverageBp: 5000 }) } }),
            coverage({
              ordinal: 2,
              allowedFees: { D0367: 90_000 },
              policies: { D0367: policy({ coverageBp: 8000 }) },
              benefits: benefits({ cobMethod: method }),
            }),
          ],
        }),
      ).coverages[1]!.insuranceCents;
    expect(sec('standard')).toBe(45_000); // min(720, 1200 - 450 - 300 = 450)
    expect(sec('carve_out')).toBe(27_000); // 720 - 450
  });
});

describe('single plan', () => {
  it('PPO in network: allowed, percent, write-off, patient', () => {
    const r = one(
      input({
        coverages: [
          coverage({ allowedFees: { D0367: 90_000 }, policies: { D0367: policy({ coverageBp: 5000 }) } }),
        ],
      }),
    );
    expect(r).toMatchObject({ insuranceCents: 45_000, writeOffCents: 30_000, patientCents: 45_000 });
  });

  it('indemnity: the office fee is the base, deductible first, no write-off', () => {
    const r = one(
      input({
        lines: [line({ feeCents: 10_000 })],
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ deductibleIndividualCents: 5_000 }),
            policies: { D0367: policy({ coverageBp: 8000 }) },
          }),
        ],
      }),
    );
    // (100 - 50) x 80% = 40
    expect(r).toMatchObject({ insuranceCents: 4_000, writeOffCents: 0, patientCents: 6_000 });
    expect(noteCodes(r.coverages[0]!)).toContain('deductible');
  });

  it('the deductible is taken once across lines, in order', () => {
    const lines = [line({ id: 'a', feeCents: 3_000 }), line({ id: 'b', feeCents: 3_000 })];
    const r = computeEstimate(
      input({
        lines,
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ deductibleIndividualCents: 5_000 }),
            policies: { D0367: policy({ coverageBp: 8000 }) },
          }),
        ],
      }),
    );
    expect(r.lines.map((l) => [l.coverages[0]!.deductibleCents, l.insuranceCents, l.patientCents])).toEqual([
      [3_000, 0, 3_000],
      [2_000, 800, 2_200], // (30 - 20) x 80%
    ]);
    expect(r.coverages[0]!.deductibleRemainingCents).toBe(0);
  });

  it('the family deductible caps what is left of the individual one', () => {
    const r = one(
      input({
        lines: [line({ feeCents: 10_000 })],
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ deductibleIndividualCents: 5_000, deductibleFamilyCents: 15_000 }),
            familyDeductibleMetCents: 14_000,
            policies: { D0367: policy({ coverageBp: 8000 }) },
          }),
        ],
      }),
    );
    expect(r.coverages[0]!.deductibleCents).toBe(1_000);
    expect(r.insuranceCents).toBe(7_200); // (100 - 10) x 80%
  });

  it('no deductible for a waived category, nor at 0%', () => {
    const waived = one(
      input({
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({
              deductibleIndividualCents: 5_000,
              deductibleWaivedCategories: ['diagnostic'],
            }),
            policies: { D0367: policy({ coverageBp: 5000 }) },
          }),
        ],
      }),
    );
    expect(waived.coverages[0]!.deductibleCents).toBe(0);
    const zero = computeEstimate(
      input({
        lines: [line({ id: 'a', code: 'D0364' }), line({ id: 'b', feeCents: 10_000 })],
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ deductibleIndividualCents: 5_000 }),
            policies: { D0364: policy({ coverageBp: 0 }), D0367: policy({ coverageBp: 8000 }) },
          }),
        ],
      }),
    );
    expect(zero.lines[0]!.coverages[0]!.deductibleCents).toBe(0);
    expect(zero.lines[1]!.coverages[0]!.deductibleCents).toBe(5_000); // still all there for the next line
  });

  it('the annual maximum is used up across lines, with the reason where it bites', () => {
    const lines = ['a', 'b', 'c'].map((id) => line({ id, feeCents: 80_000 }));
    const r = computeEstimate(
      input({
        lines,
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ annualMaxCents: 150_000 }),
            maxUsedCents: 100_000,
            policies: { D0367: policy({ coverageBp: 5000 }) },
          }),
        ],
      }),
    );
    expect(r.lines.map((l) => l.insuranceCents)).toEqual([40_000, 10_000, 0]);
    expect(noteCodes(r.lines[1]!.coverages[0]!)).toContain('over_annual_max');
    expect(r.lines[1]!.coverages[0]!.notes.find((n) => n.code === 'over_annual_max')!.text).toBe(
      'Over annual maximum: $100.00 was left.',
    );
    expect(r.coverages[0]!.maxRemainingCents).toBe(0);
  });

  it('the family maximum caps a line', () => {
    const r = one(
      input({
        coverages: [
          coverage({
            planType: 'indemnity',
            familyMaxCents: 300_000,
            familyMaxUsedCents: 290_000,
            policies: { D0367: policy({ coverageBp: 5000 }) },
          }),
        ],
      }),
    );
    expect(r.insuranceCents).toBe(10_000);
    expect(noteCodes(r.coverages[0]!)).toContain('over_family_max');
  });

  it('an unknown maximum is not a zero: it is estimated uncapped and flagged', () => {
    const r = one(
      input({
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ annualMaxCents: null }),
            policies: { D0367: policy({ coverageBp: 5000 }) },
          }),
        ],
      }),
    );
    expect(r.insuranceCents).toBe(60_000);
    expect(noteCodes(r.coverages[0]!)).toContain('max_unknown');
  });

  it('rounds the insurer share down once; the cent goes to the patient', () => {
    const r = one(
      input({
        lines: [line({ feeCents: 1_001 })],
        coverages: [coverage({ planType: 'indemnity', policies: { D0367: policy({ coverageBp: 3333 }) } })],
      }),
    );
    expect(r).toMatchObject({ insuranceCents: 333, patientCents: 668 });
  });
});

describe('frequency', () => {
  const withLimit = (
    frequency: NonNullable<Parameters<typeof policy>[0]>['frequency'],
    history: string[],
    serviceDate: string,
    startMonth = 1,
  ) =>
    one(
      input({
        lines: [line({ serviceDate })],
        history: history.map((d) => ({ code: 'D0367', serviceDate: d })),
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ benefitYearStartMonth: startMonth }),
            policies: { D0367: policy({ coverageBp: 5000, frequency }) },
          }),
        ],
      }),
    );
  const every = (count: number, months: number) => ({
    count,
    per: 'months' as const,
    months,
    sharedWith: [],
  });

  it('1 per 36 months: one day short is refused with the next eligible date; on the day it is paid', () => {
    const short = withLimit(every(1, 36), ['2023-12-02'], '2026-12-01');
    expect(short.insuranceCents).toBe(0);
    expect(short.coverages[0]!.notes.at(-1)).toEqual({
      code: 'frequency',
      text: 'Frequency limit reached: next eligible 12/02/2026.',
      date: '2026-12-02',
    });
    expect(withLimit(every(1, 36), ['2023-12-01'], '2026-12-01').insuranceCents).toBe(60_000);
  });

  it('leap day: a service on 2024-02-29 under "1 per 12 months" frees up 2025-02-28', () => {
    expect(withLimit(every(1, 12), ['2024-02-29'], '2025-02-27').insuranceCents).toBe(0);
    expect(withLimit(every(1, 12), ['2024-02-29'], '2025-02-28').insuranceCents).toBe(60_000);
  });

  it('"2 per benefit year" resets when the plan year starts (July), not on January 1', () => {
    const limit = { count: 2, per: 'benefit_year' as const, months: null, sharedWith: [] };
    const tooMany = withLimit(limit, ['2026-08-01', '2026-09-01'], '2027-06-30', 7);
    expect(tooMany.coverages[0]!.notes.at(-1)!.text).toBe(
      'Frequency limit reached: next eligible 07/01/2027.',
    );
    expect(withLimit(limit, ['2026-08-01', '2026-09-01'], '2027-07-01', 7).insuranceCents).toBe(60_000);
    expect(withLimit(limit, ['2026-08-01', '2026-09-01'], '2027-01-15', 1).insuranceCents).toBe(60_000); // calendar-year plan
  });

  it('"1 per calendar year" and "1 per lifetime"', () => {
    const calendar = { count: 1, per: 'calendar_year' as const, months: null, sharedWith: [] };
    expect(withLimit(calendar, ['2026-12-31'], '2027-01-01').insuranceCents).toBe(60_000);
    expect(withLimit(calendar, ['2027-01-01'], '2027-12-31').insuranceCents).toBe(0);
    const lifetime = { count: 1, per: 'lifetime' as const, months: null, sharedWith: [] };
    expect(withLimit(lifetime, ['2001-05-05'], '2026-12-01').coverages[0]!.notes.at(-1)!.text).toBe(
      'Frequency limit reached: no longer eligible (lifetime limit).',
    );
  });

  it('counts earlier lines of the same estimate, and codes that share the limit', () => {
    const lifetime = { count: 1, per: 'lifetime' as const, months: null, sharedWith: [] };
    const twice = computeEstimate(
      input({
        lines: [line({ id: 'a' }), line({ id: 'b' })],
        coverages: [
          coverage({
            planType: 'indemnity',
            policies: { D0367: policy({ coverageBp: 5000, frequency: lifetime }) },
          }),
        ],
      }),
    );
    expect(twice.lines.map((l) => l.insuranceCents)).toEqual([60_000, 0]);
    const shared = one(
      input({
        lines: [line({ code: 'D0330', feeCents: 10_000 })],
        history: [{ code: 'D0210', serviceDate: '2025-01-10' }],
        coverages: [
          coverage({
            planType: 'indemnity',
            policies: {
              D0330: policy({
                coverageBp: 10000,
                frequency: { count: 1, per: 'months', months: 60, sharedWith: ['D0210'] },
              }),
            },
          }),
        ],
      }),
    );
    expect(shared.insuranceCents).toBe(0);
  });

  it('a per-benefit-year limit without a known plan year start is unknown, not zero', () => {
    const r = one(
      input({
        coverages: [
          coverage({
            planType: 'indemnity',
            benefits: benefits({ benefitYearStartMonth: null }),
            policies: {
              D0367: policy({
                coverageBp: 5000,
                frequency: { count: 1, per: 'benefit_year', months: null, sharedWith: [] },
              }),
            },
          }),
        ],
      }),
    );
    expect(r.insuranceCents).toBeNull();
    expect(r.unknown[0]).toMatch(/plan year start month is unknown/);
  });
});

describe('dates: waiting periods, termination, age', () => {
  const waiting = (serviceDate: string) =>
    one(
      input({
        lines: [line({ serviceDate })],
        coverages: [
          coverage({
            planType: 'indemnity',
            effectiveDate: '2026-01-15',
            benefits: benefits({ waitingPeriods: { major: 12 } }),
            policies: { D0367: policy({ category: 'major' }) },
          }),
        ],
      }),
    );

  it('a 12-month waiting period ends the day after its last day: 2027-01-14 no, 2027-01-15 yes', () => {
    expect(waiting('2027-01-14').insuranceCents).toBe(0);
    expect(waiting('2027-01-14').coverages[0]!.notes.at(-1)).toEqual({
      code: 'waiting_period',
      text: 'Waiting period: covered from 01/15/2027.',
      date: '2027-01-15',
    });
    expect(waiting('2027-01-15').insuranceCents).toBe(60_000);
  });

  it('a terminated coverage pays nothing after its last day, and says so', () => {
    const r = one(
      input({
        lines: [line({ serviceDate: '2026-07-01' })],
        coverages: [coverage({ terminationDate: '2026-06-30' })],
      }),
    );
    expect(r.insuranceCents).toBe(0);
    expect(r.coverages[0]!.notes[0]).toEqual({
      code: 'not_active',
      text: 'Primary plan is not active on 07/01/2026.',
      date: '2026-07-01',
    });
    expect(one(input({ lines: [line({ serviceDate: '2019-12-31' })] })).coverages[0]!.notes[0]!.code).toBe(
      'not_active',
    );
  });

  it('age is taken on the date of service; a Feb 29 birthday counts on March 1', () => {
    const aged = (dob: string, serviceDate: string) =>
      one(
        input({
          patientDob: dob,
          lines: [line({ serviceDate })],
          coverages: [
            coverage({
              planType: 'indemnity',
              policies: { D0367: policy({ coverageBp: 5000, ageLimits: { min: null, max: 18 } }) },
            }),
          ],
        }),
      );
    expect(aged('2008-05-01', '2026-05-01').insuranceCents).toBe(60_000); // 18 today
    expect(aged('2008-05-01', '2027-05-01').insuranceCents).toBe(0); // 19
    expect(aged('2008-02-29', '2027-02-28').insuranceCents).toBe(60_000); // still 18
    expect(aged('2008-02-29', '2027-03-01').insuranceCents).toBe(0); // 19
  });
});

describe('what the plan says about the code', () => {
  it('unknown percent or coverage gives an unknown amount with the reason, never a zero', () => {
    const r = one(
      input({
        coverages: [
          coverage({
            benefits: benefits({ coverageByCategory: null }),
            policies: { D0367: policy({ coverageBp: null }) },
          }),
        ],
      }),
    );
    expect(r).toMatchObject({ insuranceCents: null, patientCents: null });
    expect(r.unknown).toEqual(["Primary plan's coverage percent for D0367 is unknown."]);
    const covered = one(input({ coverages: [coverage({ policies: {} })] }));
    expect(covered.unknown).toEqual(['Whether Primary plan covers D0367 is unknown.']);
  });

  it('not covered: zero, with a pointer to the medical plan when the plan says medical first', () => {
    const r = one(
      input({
        coverages: [coverage({ policies: { D0367: policy({ covered: 'no', medicalFirst: 'yes' }) } })],
      }),
    );
    expect(r.insuranceCents).toBe(0);
    expect(r.coverages[0]!.notes.at(-1)!.text).toBe(
      'Primary plan does not cover D0367. Ask the medical plan.',
    );
    expect(r.flags.map((f) => f.code)).toContain('medical_first');
  });

  it("downgrade: tomosynthesis paid as a 2D series; the gap is the patient's, the write-off is on the original code", () => {
    const r = one(
      input({
        lines: [line({ code: 'D0372', feeCents: 20_000 })],
        coverages: [
          coverage({
            allowedFees: { D0372: 15_000, D0210: 12_000 },
            policies: { D0372: policy({ coverageBp: 8000, alternateCode: 'D0210' }) },
          }),
        ],
      }),
    );
    // 80% of 120 = 96; write-off 200 - 150 = 50; patient 200 - 96 - 50 = 54
    expect(r).toMatchObject({ insuranceCents: 9_600, writeOffCents: 5_000, patientCents: 5_400 });
    expect(noteCodes(r.coverages[0]!)).toContain('downgraded');
  });

  it('an unknown allowed fee is estimated with the office fee and said so; no write-off is assumed', () => {
    const r = one(input({ coverages: [coverage({ policies: { D0367: policy({ coverageBp: 5000 }) } })] }));
    expect(r).toMatchObject({ insuranceCents: 60_000, writeOffCents: 0 });
    expect(noteCodes(r.coverages[0]!)).toContain('allowed_unknown');
  });

  it('DHMO copays and an unknown network status are unknown, with reasons', () => {
    expect(one(input({ coverages: [coverage({ planType: 'dhmo' })] })).unknown[0]).toMatch(
      /DHMO: ask the plan for its copay/,
    );
    expect(
      one(input({ coverages: [coverage({ benefits: benefits({ networkStatus: 'unknown' }) })] })).unknown[0],
    ).toMatch(/in network/);
  });

  it('flags prior authorization not approved, and an approval that ends before the date of service', () => {
    const pa = (priorAuth: CoverageInput['priorAuth']) =>
      one(
        input({
          coverages: [
            coverage({ policies: { D0367: policy({ coverageBp: 5000, priorAuth: 'required' }) }, priorAuth }),
          ],
        }),
      ).flags.map((f) => f.code);
    const approval = (validFrom: string | null, validTo: string | null) => ({
      status: 'approved' as const,
      authNumber: 'AUTH-1',
      validFrom,
      validTo,
      forCode: 'D0367',
    });
    expect(pa({})).toEqual(['prior_auth_required']);
    expect(pa({ D0367: approval(null, '2026-11-30') })).toEqual(['prior_auth_expires']);
    expect(pa({ D0367: approval('2026-12-20', '2027-02-28') })).toEqual(['prior_auth_not_started']);
    expect(pa({ D0367: approval(null, '2026-12-31') })).toEqual([]);
    expect(pa({ D0367: { ...approval(null, null), status: 'pending' } })).toEqual(['prior_auth_pending']);
    expect(
      pa({ D0367: { ...approval(null, '2027-02-28'), status: 'other_code', forCode: 'D0368' } }),
    ).toEqual(['prior_auth_other_code']);
  });

  it('says where prior authorization stands on every line, and a denial zeroes the plan', () => {
    const run = (priorAuth: CoverageInput['priorAuth'], required = true) =>
      one(
        input({
          coverages: [
            coverage({
              policies: {
                D0367: policy({ coverageBp: 5000, priorAuth: required ? 'required' : 'not_required' }),
              },
              priorAuth,
            }),
          ],
        }),
      );
    expect(run({}, false).priorAuth).toEqual([
      { ordinal: 1, status: 'not_required', authNumber: null, validFrom: null, validTo: null, forCode: null },
    ]);
    const approved = run({
      D0367: {
        status: 'approved',
        authNumber: 'AUTH-7',
        validFrom: '2026-12-01',
        validTo: '2027-02-28',
        forCode: 'D0367',
      },
    });
    expect(approved.priorAuth[0]).toMatchObject({
      status: 'approved',
      authNumber: 'AUTH-7',
      validTo: '2027-02-28',
    });
    expect(approved.insuranceCents).toBeGreaterThan(0);
    const denied = run({
      D0367: { status: 'denied', authNumber: null, validFrom: null, validTo: null, forCode: 'D0367' },
    });
    expect(denied.priorAuth[0]!.status).toBe('denied');
    expect(denied.insuranceCents).toBe(0);
    expect(denied.coverages[0]!.notes.map((n) => n.code)).toContain('prior_auth_denied');
  });

  it("the payer's own next-eligible date zeroes a line before it, whatever the history says", () => {
    const run = (nextEligible: string) =>
      one(
        input({
          coverages: [
            coverage({
              policies: { D0367: policy({ coverageBp: 5000 }) },
              nextEligible: { D0367: nextEligible },
            }),
          ],
        }),
      );
    const before = run('2027-06-01');
    expect(before.insuranceCents).toBe(0);
    expect(before.coverages[0]!.notes.map((n) => n.text).join(' ')).toMatch(
      /next eligible 06\/01\/2027 \(the payer said\)/,
    );
    expect(before.coverages[0]!.notes.find((n) => n.code === 'frequency')?.date).toBe('2027-06-01');
    expect(run('2026-01-01').insuranceCents).toBeGreaterThan(0);
  });
});

describe('two coverages', () => {
  it('a secondary pays its normal benefit when the primary is not active', () => {
    const r = one(
      input({
        coverages: [
          coverage({ terminationDate: '2026-01-01' }),
          coverage({
            ordinal: 2,
            planType: 'indemnity',
            policies: { D0367: policy({ coverageBp: 5000 }) },
            benefits: benefits({ cobMethod: 'non_duplication' }),
          }),
        ],
      }),
    );
    expect(r.coverages.map((c) => c.insuranceCents)).toEqual([0, 60_000]);
  });

  it('an unknown COB method makes the secondary unknown', () => {
    const r = one(
      input({
        coverages: [
          coverage({ policies: { D0367: policy({ coverageBp: 5000 }) } }),
          coverage({
            ordinal: 2,
            policies: { D0367: policy({ coverageBp: 5000 }) },
            benefits: benefits({ cobMethod: 'unknown' }),
          }),
        ],
      }),
    );
    expect(r.coverages[1]!.insuranceCents).toBeNull();
    expect(r.patientCents).toBeNull();
  });

  it("depends on each coverage's ordinal, not on the order they are passed in", () => {
    const primary = coverage({
      allowedFees: { D0367: 90_000 },
      policies: { D0367: policy({ coverageBp: 5000 }) },
    });
    const secondary = coverage({
      ordinal: 2,
      allowedFees: { D0367: 65_000 },
      policies: { D0367: policy({ coverageBp: 5000 }) },
    });
    expect(computeEstimate(input({ coverages: [secondary, primary] }))).toEqual(
      computeEstimate(input({ coverages: [primary, secondary] })),
    );
  });
});
