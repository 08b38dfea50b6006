// Keystroke to painted results in the real renderer (Chromium, browser harness, real SQLite), timed
// inside the page: from the input event to the first animation frame after the result list changed.
import { startHarness, type Harness } from '../e2e/harness';
import type { BenchSuite } from './bench';

const QUERIES = [
  'D0367',
  'd371',
  '0310',
  'cbct',
  'cone beam both jaws',
  'cbct lower jaw',
  'sialography',
  'sialoendoscopy',
  'ultrasound',
  'sonogram',
  'mri face',
  'tmj arthrogram',
  'panorex',
  'full mouth series',
  'bitewings',
  'ceph',
  'photo',
  '3d face scan',
  'digital impression',
  'ultrasond',
  'sialoendscopy',
  'K11.5',
  'jaw pain',
  'fusion',
];

declare global {
  interface Window {
    __latencies: number[];
  }
}

async function typeAndMeasure(h: Harness): Promise<number[]> {
  await h.page.evaluate(() => {
    window.__latencies = [];
    let pending: number | null = null;
    const input = document.querySelector<HTMLInputElement>('input[role="combobox"]')!;
    const list = document.querySelector('[role="listbox"]')!;
    input.addEventListener('input', () => (pending = performance.now()), true);
    new MutationObserver(() => {
      if (pending === null) return;
      const started = pending;
      pending = null;
      // Painted: the frame after the DOM change has been produced.
      requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - started), 0));
    }).observe(list, { childList: true, subtree: true, characterData: true });
  });
  const box = h.page.getByRole('combobox');
  for (const query of QUERIES) {
    await box.fill('');
    // One key at a time, slower than the results come back, so each keystroke is measured on its own.
    await h.page.keyboard.type(query, { delay: 45 });
    await h.page.waitForTimeout(60);
  }
  return h.page.evaluate(() => window.__latencies);
}

const suite: BenchSuite = {
  name: 'lookup (browser)',
  async setup() {
    const h = await startHarness();
    return {
      cases: [
        {
          name: `keystroke -> painted results, ${QUERIES.length} queries typed`,
          samples: () => typeAndMeasure(h),
        },
      ],
      teardown: () => h.close(),
    };
  },
  notes(results) {
    return results.map(
      (r) => `${r.iterations} keystrokes measured; p95 ${r.p95Ms.toFixed(1)} ms (target < 50 ms)`,
    );
  },
};

export default suite;
