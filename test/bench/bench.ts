// The benchmark format: a suite is a named list of cases; each case is timed many times and reported
// as median and p95. Numbers, not pass/fail: speed targets are read from this table, not asserted.

export interface BenchCase {
  name: string;
  /** One timed operation. */
  run(): unknown | Promise<unknown>;
  iterations?: number;
}

export interface BenchSuite {
  name: string;
  /** Builds the data the cases use; returns the cases and a cleanup. */
  setup(): Promise<{ cases: BenchCase[]; teardown?: () => void | Promise<void> }>;
}

export interface BenchResult {
  suite: string;
  name: string;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

export function percentile(sortedMs: readonly number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)]!;
}

export async function measure(suite: string, benchCase: BenchCase): Promise<BenchResult> {
  const iterations = benchCase.iterations ?? 1000;
  const warmup = Math.min(50, Math.ceil(iterations / 10));
  for (let i = 0; i < warmup; i++) await benchCase.run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await benchCase.run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    suite,
    name: benchCase.name,
    iterations,
    medianMs: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    maxMs: samples[samples.length - 1]!,
  };
}

export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.suite,
    r.name,
    String(r.iterations),
    r.medianMs.toFixed(4),
    r.p95Ms.toFixed(4),
    r.maxMs.toFixed(3),
  ]);
  const header = ['suite', 'case', 'runs', 'median ms', 'p95 ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
