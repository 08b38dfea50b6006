// Keystroke to painted results in the real renderer (Chromium, browser harness, real SQLite), timed
// inside the page: from the input event to the first animation frame after the result list changed.
// The harness's clock (Playwright's) runs animation frames on a 16 ms grid, so every sample includes the
// wait for the next grid line (0 to 16 ms) whatever the app does; a control case measures that floor
// (the same keystrokes changing a bare element, no app work), and the notes count keystrokes whose
// results were painted in the first frame after the key.
import { startHarness, type Harness } from '../e2e/harness';
import type { BenchResult, BenchSuite } from './bench';

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
    __firstFrame: number;
  }
}

const FRAME_MS = 16;

/**
 * Records, for every keystroke, the time until the frame after the result list changed. With
 * `control`, the keystroke changes a bare element instead (no search, no React): the harness's floor.
 */
async function instrument(h: Harness, control = false): Promise<void> {
  await h.page.evaluate(
    ({ control, frameMs }) => {
      window.__latencies = [];
      window.__firstFrame = 0;
      let pending: number | null = null;
      const input = document.querySelector<HTMLInputElement>('input[role="combobox"]')!;
      let target: Element = document.querySelector('[role="listbox"]')!;
      if (control) {
        const bare = document.createElement('div');
        bare.hidden = true;
        document.body.append(bare);
        target = bare;
      }
      // The control catches the key before the app (React listens at its root) and changes only the
      // bare element, so what it measures is the frame grid and nothing else.
      (control ? window : input).addEventListener(
        'input',
        (event) => {
          pending = performance.now();
          if (!control) return;
          event.stopImmediatePropagation();
          target.textContent = input.value;
        },
        true,
      );
      new MutationObserver(() => {
        if (pending === null) return;
        const started = pending;
        pending = null;
        const nextFrame = (Math.floor(started / frameMs) + 1) * frameMs;
        // Painted: the frame after the DOM change has been produced.
        requestAnimationFrame((frameTime) => {
          if (frameTime <= nextFrame) window.__firstFrame++;
          setTimeout(() => window.__latencies.push(performance.now() - started), 0);
        });
      }).observe(target, { childList: true, subtree: true, characterData: true });
    },
    { control, frameMs: FRAME_MS },
  );
}

let firstFrame: Record<string, number> = {};

async function typeAndMeasure(h: Harness, control = false): Promise<number[]> {
  await h.reload();
  await instrument(h, control);
  const box = h.page.getByRole('combobox');
  for (const query of QUERIES) {
    await box.fill('');
    // One key at a time, slower than the results come back, so each keystroke is measured on its own.
    await h.page.keyboard.type(query, { delay: 45 });
    await h.page.waitForTimeout(60);
  }
  const { latencies, first } = await h.page.evaluate(() => ({
    latencies: window.__latencies,
    first: window.__firstFrame,
  }));
  firstFrame[control ? 'control' : 'typing'] = first;
  return latencies;
}

const SESSIONS = 12;
/** A person reads the screen before typing; the window uses that moment to fetch what it searches. */
const FIRST_LOOK_MS = 300;

/** The first keystroke after the Lookup screen appears, in a freshly loaded window, several times. */
async function firstKeystrokes(h: Harness): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    await h.reload();
    await h.page.waitForTimeout(FIRST_LOOK_MS);
    await instrument(h);
    // "3" lists codes at once (D03...), so the keystroke changes the list and is measured.
    await h.page.keyboard.type('3');
    await h.page.waitForTimeout(100);
    samples.push(...(await h.page.evaluate(() => window.__latencies)));
  }
  return samples;
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
        {
          name: 'control: same keystrokes, bare element, no app work',
          samples: () => typeAndMeasure(h, true),
        },
        {
          name: `first keystroke of a session (${SESSIONS} reloads)`,
          samples: () => firstKeystrokes(h),
        },
      ],
      teardown: () => h.close(),
    };
  },
  notes(results) {
    const [typing, control, first] = results as Array<BenchResult | undefined>;
    const inFirstFrame = (r: BenchResult | undefined, key: string) =>
      r ? `${firstFrame[key] ?? 0} of ${r.iterations} painted in the first frame after the key` : '';
    const lines = [
      typing &&
        `typing: ${typing.iterations} keystrokes, p95 ${typing.p95Ms.toFixed(1)} ms (target: at most 16 ms); ${inFirstFrame(typing, 'typing')}`,
      control &&
        `control (the frame grid alone): p95 ${control.p95Ms.toFixed(1)} ms; ${inFirstFrame(control, 'control')}`,
      first &&
        `first keystroke ${FIRST_LOOK_MS} ms after the screen shows: median ${first.medianMs.toFixed(1)} ms, max ${first.maxMs.toFixed(1)} ms (target: under 20 ms)`,
    ];
    firstFrame = {};
    return lines.filter((line): line is string => Boolean(line));
  },
};

export default suite;
