// The benchmark format: a suite is a named list of cases; each case is timed many times and reported
// as median and p95. Numbers, not pass/fail: speed targets are read from this table, not asserted.

export type BenchCase =
  | {
      name: string;
      /** One timed operation, timed here. */
      run(): unknown | Promise<unknown>;
      iterations?: number;
    }
  | {
      name: string;
      /** Timings taken elsewhere (e.g. inside the browser page), in milliseconds. */
      samples(): Promise<number[]>;
    };

export interface BenchSuite {
  name: string;
  /** Why this suite cannot run here (e.g. it needs a database server), or null: said, and left out. */
  unavailable?(): string | null;
  /** Builds the data the cases use; returns the cases and a cleanup. */
  setup(): Promise<{ cases: BenchCase[]; teardown?: () => void | Promise<void> }>;
  /** Extra lines printed under the table, e.g. a ratio between two cases. */
  notes?(results: BenchResult[]): string[];
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

export function summarise(suite: string, name: string, samplesMs: number[]): BenchResult {
  const samples = [...samplesMs].sort((a, b) => a - b);
  return {
    suite,
    name,
    iterations: samples.length,
    medianMs: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    maxMs: samples[samples.length - 1] ?? Number.NaN,
  };
}

export async function measure(suite: string, benchCase: BenchCase): Promise<BenchResult> {
  if ('samples' in benchCase) return summarise(suite, benchCase.name, await benchCase.samples());
  const iterations = benchCase.iterations ?? 1000;
  const warmup = Math.min(50, Math.ceil(iterations / 10));
  for (let i = 0; i < warmup; i++) await benchCase.run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    await benchCase.run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return summarise(suite, benchCase.name, samples);
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
