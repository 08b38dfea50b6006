// The estimate engine on a realistic worst case: 20 planned lines, primary and secondary coverage.
import { computeEstimate } from '../../src/shared/estimate/computeEstimate';
import { benefits, coverage, input, line, policy } from '../unit/estimate/builders';
import type { BenchSuite } from './bench';

const CODES = ['D0367', 'D0364', 'D0330', 'D0210', 'D0372'];

const suite: BenchSuite = {
  name: 'estimate',
  async setup() {
    const policies = Object.fromEntries(
      CODES.map((code, i) => [
        code,
        policy({
          coverageBp: 5000 + i * 500,
          category: i % 2 ? 'major' : 'diagnostic',
          frequency: { count: 2, per: 'months', months: 12, sharedWith: [] },
          alternateCode: code === 'D0372' ? 'D0210' : null,
        }),
      ]),
    );
    const allowed = Object.fromEntries(CODES.map((c, i) => [c, 50_000 + i * 10_000]));
    const estimate = input({
      lines: Array.from({ length: 20 }, (_, i) =>
        line({
          id: `l${i}`,
          code: CODES[i % CODES.length]!,
          feeCents: 60_000 + i * 1_000,
          serviceDate: '2026-12-01',
        }),
      ),
      coverages: [
        coverage({
          benefits: benefits({ annualMaxCents: 150_000, deductibleIndividualCents: 5_000 }),
          allowedFees: allowed,
          policies,
        }),
        coverage({
          ordinal: 2,
          benefits: benefits({ annualMaxCents: 100_000, cobMethod: 'non_duplication' }),
          allowedFees: allowed,
          policies,
        }),
      ],
      history: [{ code: 'D0330', serviceDate: '2026-06-01' }],
      officeFees: { D0210: 20_000 },
    });
    return {
      cases: [
        { name: '20 lines, primary + secondary', iterations: 5000, run: () => computeEstimate(estimate) },
      ],
    };
  },
  notes: (results) =>
    results.map(
      (r) => `median ${r.medianMs.toFixed(4)} ms, p95 ${r.p95Ms.toFixed(4)} ms (target: both < 0.2 ms)`,
    ),
};

export default suite;
