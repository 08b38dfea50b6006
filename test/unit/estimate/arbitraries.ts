// Random but valid estimate inputs: known and unknown answers mixed, one or two coverages, history.
import fc from 'fast-check';
import type { CodePolicy, CoverageInput, EstimateInput } from '../../../src/shared/estimate/estimateTypes';
import { benefits, coverage, policy } from './builders';

const CODES = ['D0364', 'D0367', 'D0330', 'D0210', 'D0372'];
const date = fc.integer({ min: 0, max: 3 * 365 }).map((n) => {
  const d = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
});
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 5 });
const cents = (max: number) => fc.integer({ min: 0, max });
const bp = fc.oneof(
  fc.constantFrom(0, 10_000, 3_333, 6_667, 5_000, 8_000),
  fc.integer({ min: 0, max: 10_000 }),
);

const codePolicy: fc.Arbitrary<CodePolicy> = fc
  .record({
    covered: fc.constantFrom('yes', 'yes', 'yes', 'no', 'unknown'),
    coverageBp: maybe(bp),
    category: fc.constantFrom('diagnostic', 'major', null),
    frequency: fc.option(
      fc.oneof(
        fc.record({
          count: fc.integer({ min: 1, max: 2 }),
          per: fc.constant('months' as const),
          months: fc.constantFrom(6, 12, 36),
          sharedWith: fc.constant([] as string[]),
        }),
        fc.record({
          count: fc.integer({ min: 1, max: 2 }),
          per: fc.constantFrom('calendar_year' as const, 'benefit_year' as const, 'lifetime' as const),
          months: fc.constant(null),
          sharedWith: fc.constant([] as string[]),
        }),
      ),
      { nil: null },
    ),
    ageLimits: fc.constant(null),
    alternateCode: fc.constantFrom(null, null, 'D0210'),
    medicalFirst: fc.constantFrom('yes', 'no', 'unknown'),
    priorAuth: fc.constantFrom('required', 'not_required', 'unknown'),
  })
  .map((p) => policy(p as Partial<CodePolicy>));

export const coverageArb = (ordinal: 1 | 2): fc.Arbitrary<CoverageInput> =>
  fc
    .record({
      planType: fc.constantFrom('ppo', 'ppo', 'indemnity', 'medical'),
      network: fc.constantFrom('in_network', 'out_of_network'),
      annualMax: maybe(cents(300_000)),
      maxUsed: cents(200_000),
      deductible: maybe(cents(10_000)),
      deductibleMet: cents(10_000),
      cob: fc.constantFrom('standard', 'non_duplication', 'carve_out'),
      category: fc.record({ diagnostic: bp, major: bp }),
      allowed: fc.dictionary(fc.constantFrom(...CODES), cents(200_000), { maxKeys: 5 }),
      policies: fc.dictionary(fc.constantFrom(...CODES), codePolicy, { minKeys: 3, maxKeys: 5 }),
      startMonth: fc.integer({ min: 1, max: 12 }),
      terminated: fc.boolean(),
    })
    .map((r) =>
      coverage({
        ordinal,
        label: ordinal === 1 ? 'Primary plan' : 'Secondary plan',
        planType: r.planType as CoverageInput['planType'],
        benefits: benefits({
          networkStatus: r.network as 'in_network',
          annualMaxCents: r.annualMax,
          deductibleIndividualCents: r.deductible,
          cobMethod: r.cob as 'standard',
          coverageByCategory: r.category,
          benefitYearStartMonth: r.startMonth,
        }),
        maxUsedCents: r.maxUsed,
        deductibleMetCents: r.deductibleMet,
        terminationDate: r.terminated ? '2025-06-30' : null,
        allowedFees: r.allowed,
        policies: r.policies,
      }),
    );

export const estimateArb: fc.Arbitrary<EstimateInput> = fc.record({
  patientDob: fc.constant('1990-04-04'),
  lines: fc.array(
    fc.record({
      id: fc.uuid(),
      code: fc.constantFrom(...CODES),
      tooth: fc.constant(null),
      feeCents: cents(300_000),
      serviceDate: date,
    }),
    { minLength: 0, maxLength: 8 },
  ),
  officeFees: fc.record({ D0210: cents(50_000) }),
  coverages: fc.oneof(fc.tuple(coverageArb(1)), fc.tuple(coverageArb(1), coverageArb(2))).map((t) => [...t]),
  history: fc.array(fc.record({ code: fc.constantFrom(...CODES), serviceDate: date }), { maxLength: 4 }),
});
