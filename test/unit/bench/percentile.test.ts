import { describe, expect, it } from 'vitest';
import { formatTable, percentile } from '../../bench/bench';

describe('benchmark statistics', () => {
  it('takes the nearest-rank percentile of sorted samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('prints one row per case with median and p95', () => {
    const table = formatTable([
      { suite: 's', name: 'c', iterations: 10, medianMs: 0.5, p95Ms: 1.25, maxMs: 2 },
    ]);
    expect(table.split('\n')).toHaveLength(3);
    expect(table).toContain('0.5000');
    expect(table).toContain('1.2500');
  });
});
