// The invariants of estimate-rules.md, checked over random inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeEstimate } from '../../../src/shared/estimate/computeEstimate';
import type { EstimateInput } from '../../../src/shared/estimate/estimateTypes';
import { estimateArb } from './arbitraries';
import { benefits, coverage, input, line, policy } from './builders';

const RUNS = { numRuns: 1500 };

/**
 * Where a single change can only help: one line, or one coverage. Across several lines with two
 * coverages, maxima and frequency limits interact (see the regression test at the end).
 */
const noCrossLineCoordination = (i: EstimateInput) => i.lines.length <= 1 || i.coverages.length === 1;
const totalPatient = (i: EstimateInput) => computeEstimate(i).totals.patientCents;

describe('estimate invariants', () => {
  it('every line: insurance + write-offs + patient = fee exactly; nothing negative; safe integers', () => {
    fc.assert(
      fc.property(estimateArb, (input) => {
        const result = computeEstimate(input);
        for (const line of result.lines) {
          const amounts = [
            line.writeOffCents,
            ...line.coverages.flatMap((c) => [c.deductibleCents, c.writeOffCents, c.insuranceCents ?? 0]),
          ];
          for (const a of amounts) expect(Number.isSafeInteger(a) && a >= 0).toBe(true);
          if (line.patientCents !== null) {
            expect(line.patientCents).toBeGreaterThanOrEqual(0);
            expect(line.insuranceCents! + line.writeOffCents + line.patientCents).toBe(line.feeCents);
          } else {
            expect(line.unknown.length).toBeGreaterThan(0);
          }
        }
      }),
      RUNS,
    );
  });

  it('totals equal the sum of the lines', () => {
    fc.assert(
      fc.property(estimateArb, (input) => {
        const r = computeEstimate(input);
        expect(r.totals.feeCents).toBe(r.lines.reduce((s, l) => s + l.feeCents, 0));
        expect(r.totals.writeOffCents).toBe(r.lines.reduce((s, l) => s + l.writeOffCents, 0));
        if (r.totals.patientCents !== null)
          expect(r.totals.patientCents).toBe(r.lines.reduce((s, l) => s + l.patientCents!, 0));
      }),
      RUNS,
    );
  });

  it('insurance never exceeds the annual maximum left, and the deductible used never exceeds what was left', () => {
    fc.assert(
      fc.property(estimateArb, (input) => {
        const r = computeEstimate(input);
        [...input.coverages]
          .sort((a, b) => a.ordinal - b.ordinal)
          .forEach((cov, k) => {
            const paid = r.lines.reduce((s, l) => s + (l.coverages[k]!.insuranceCents ?? 0), 0);
            if (cov.benefits.annualMaxCents !== null && cov.maxUsedCents !== null) {
              expect(paid).toBeLessThanOrEqual(Math.max(0, cov.benefits.annualMaxCents - cov.maxUsedCents));
            }
            const deductible = r.lines.reduce((s, l) => s + l.coverages[k]!.deductibleCents, 0);
            if (cov.benefits.deductibleIndividualCents !== null && cov.deductibleMetCents !== null) {
              expect(deductible).toBeLessThanOrEqual(
                Math.max(0, cov.benefits.deductibleIndividualCents - cov.deductibleMetCents),
              );
            }
          });
      }),
      RUNS,
    );
  });

  it('more annual maximum left never raises what the patient pays (one line, or one coverage)', () => {
    fc.assert(
      fc.property(
        estimateArb.filter(noCrossLineCoordination),
        fc.integer({ min: 1, max: 100_000 }),
        (input, extra) => {
          const before = totalPatient(input);
          const richer = {
            ...input,
            coverages: input.coverages.map((c) => ({
              ...c,
              benefits: {
                ...c.benefits,
                annualMaxCents: c.benefits.annualMaxCents === null ? null : c.benefits.annualMaxCents + extra,
              },
            })),
          };
          const after = totalPatient(richer);
          if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('a higher coverage percent never raises what the patient pays (one line, or one coverage)', () => {
    fc.assert(
      fc.property(
        estimateArb.filter(noCrossLineCoordination),
        fc.integer({ min: 1, max: 5_000 }),
        (input, more) => {
          const before = totalPatient(input);
          const better = {
            ...input,
            coverages: input.coverages.map((c) => ({
              ...c,
              policies: Object.fromEntries(
                Object.entries(c.policies).map(([code, p]) => [
                  code,
                  { ...p, coverageBp: p.coverageBp === null ? null : Math.min(10_000, p.coverageBp + more) },
                ]),
              ),
            })),
          };
          const after = totalPatient(better);
          if (before !== null && after !== null) expect(after).toBeLessThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('more deductible left to meet never lowers what the patient pays (one line, or one coverage)', () => {
    fc.assert(
      fc.property(
        estimateArb.filter(noCrossLineCoordination),
        fc.integer({ min: 1, max: 10_000 }),
        (input, less) => {
          const before = totalPatient(input);
          // Less of the deductible met so far means more of it left to meet.
          const moreLeft = {
            ...input,
            coverages: input.coverages.map((c) => ({
              ...c,
              deductibleMetCents:
                c.deductibleMetCents === null ? null : Math.max(0, c.deductibleMetCents - less),
            })),
          };
          const after = totalPatient(moreLeft);
          if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('adding a line never lowers the total the patient pays (one coverage)', () => {
    fc.assert(
      fc.property(
        estimateArb.filter((i) => i.coverages.length === 1 && i.lines.length >= 2),
        (input) => {
          const fewer = { ...input, lines: input.lines.slice(0, -1) };
          const before = totalPatient(fewer);
          const after = totalPatient(input);
          if (before !== null && after !== null) expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      RUNS,
    );
  });

  it('does not depend on the order coverages are passed in', () => {
    fc.assert(
      fc.property(estimateArb, (input) => {
        expect(computeEstimate({ ...input, coverages: [...input.coverages].reverse() })).toEqual(
          computeEstimate(input),
        );
      }),
      RUNS,
    );
  });

  it('every zeroed benefit carries a reason, and every unknown one too', () => {
    fc.assert(
      fc.property(estimateArb, (input) => {
        for (const line of computeEstimate(input).lines) {
          for (const c of line.coverages) {
            if (c.insuranceCents === null) expect(c.unknown).toBeTruthy();
            // From $100 up, no percentage of 0.01% or more rounds to zero: a zero there was set by a rule.
            else if (
              c.insuranceCents === 0 &&
              (c.allowedCents ?? line.feeCents) - c.deductibleCents >= 10_000
            ) {
              expect(c.notes.length, JSON.stringify(c)).toBeGreaterThan(0);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('is deterministic: the same input gives the same result', () => {
    fc.assert(
      fc.property(estimateArb, (input) => {
        expect(computeEstimate(input)).toEqual(computeEstimate(input));
      }),
      { numRuns: 300 },
    );
  });
});

describe('regression: counterexample found by the monotonicity property', () => {
  it('two coverages over two lines: a higher primary percent can cost the patient a cent more, and why', () => {
    const build = (bp: number) =>
      input({
        lines: [line({ id: 'a', code: 'D0210', feeCents: 2 }), line({ id: 'b', code: 'D0210', feeCents: 4 })],
        coverages: [
          // One cent of maximum left on the primary.
          coverage({
            benefits: benefits({ annualMaxCents: 58_993 }),
            maxUsedCents: 58_992,
            policies: { D0210: policy({ coverageBp: bp }) },
          }),
          coverage({
            ordinal: 2,
            benefits: benefits({ annualMaxCents: null, coverageByCategory: { major: 10_000 } }),
            policies: {
              D0210: policy({
                category: 'major',
                frequency: { count: 1, per: 'months', months: 6, sharedWith: [] },
              }),
            },
          }),
        ],
      });
    // At 33.33% the primary pays nothing on line 1 (rounds to 0), the secondary pays it, and the primary's
    // last cent goes to line 2. At 50% the primary spends that cent on line 1, where the secondary would
    // have paid anyway; on line 2 the primary has nothing left and the secondary's 1-per-6-months is used.
    expect(computeEstimate(build(3_333)).totals.patientCents).toBe(3);
    expect(computeEstimate(build(5_000)).totals.patientCents).toBe(4);
  });
});

describe('regression: counterexample found in CI (seed -1169277982)', () => {
  it("a downgrade never pays on more than the code's own allowed fee", () => {
    // The alternate code's allowed fee (4) was above the code's own (1): the plan paid on 4, wrote off
    // down to 1, and the columns only added up by trimming the write-off, so a higher percent spent the
    // maximum without lowering the patient's share. Now the allowed amount is the lesser of the two.
    const build = (bp: number) =>
      input({
        lines: [line({ id: 'a', code: 'D0364', feeCents: 4 }), line({ id: 'b', code: 'D0364', feeCents: 2 })],
        coverages: [
          coverage({
            benefits: benefits({ annualMaxCents: 3 }),
            allowedFees: { D0210: 4, D0364: 1 },
            policies: { D0364: policy({ coverageBp: bp, alternateCode: 'D0210' }) },
          }),
        ],
      });
    const low = computeEstimate(build(5_000));
    const high = computeEstimate(build(7_500));
    expect(low.lines[0]!.coverages[0]!.allowedCents).toBe(1);
    expect(high.totals.patientCents!).toBeLessThanOrEqual(low.totals.patientCents!);
  });
});

describe('negative control', () => {
  it('the sum property catches rounding each share on its own', () => {
    // Rounding the insurer's and the patient's shares each on its own (the classic bug) loses cents;
    // the engine rounds once and gives the patient the rest.
    const brokenSplit = (base: number, bp: number) =>
      Math.floor((base * bp) / 10_000) + Math.floor((base * (10_000 - bp)) / 10_000);
    const found = fc.check(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (base, bp) => brokenSplit(base, bp) === base,
      ),
      { numRuns: 2000, seed: 42 },
    );
    expect(found.failed).toBe(true);
  });
});
