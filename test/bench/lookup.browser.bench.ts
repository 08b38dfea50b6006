// Keystroke to painted results in the real renderer (Chromium, browser harness, real SQLite), timed
// inside the page: from the moment the key's event was created to the end of the first frame after the
// result list changed. The page runs on the browser's own timers and frames (only its Date is the tests'),
// so a sample is the app's work plus the wait for the next real frame (0 to 16.7 ms at 60 Hz); a control
// case measures that wait alone (the same keystrokes changing a bare element, no app work), and the notes
// give the app's own work (event to list changed) apart from it.
import { startHarness, type Harness } from '../e2e/harness';
import { summarise, type BenchResult, type BenchSuite } from './bench';

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
    /** Input event to the list changed: the app's own work, before any wait for a frame. */
    __work: number[];
  }
}

/**
 * Records, for every keystroke, the time until the frame after the result list changed. With
 * `control`, the keystroke changes a bare element instead (no search, no React): the harness's floor.
 */
async function instrument(h: Harness, control = false): Promise<void> {
  await h.page.evaluate(
    ({ control }) => {
      window.__latencies = [];
      window.__work = [];
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
          // When the browser made the event, on the same time line as performance.now(): time the key
          // waited before any handler ran counts too.
          pending = event.timeStamp;
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
        window.__work.push(performance.now() - started);
        // Painted: the frame after the DOM change has been produced.
        requestAnimationFrame(() =>
          setTimeout(() => window.__latencies.push(performance.now() - started), 0),
        );
      }).observe(target, { childList: true, subtree: true, characterData: true });
    },
    { control },
  );
}

const work: Record<string, number[]> = {};

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
  const { latencies, appWork } = await h.page.evaluate(() => ({
    latencies: window.__latencies,
    appWork: window.__work,
  }));
  work[control ? 'control' : 'typing'] = appWork;
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
    const { latencies, appWork } = await h.page.evaluate(() => ({
      latencies: window.__latencies,
      appWork: window.__work,
    }));
    samples.push(...latencies);
    (work.first ??= []).push(...appWork);
  }
  return samples;
}

const suite: BenchSuite = {
  name: 'lookup (browser)',
  async setup() {
    const h = await startHarness({ realPageTimers: true });
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
    const appWork = (key: string) => {
      const w = summarise('', '', work[key] ?? []);
      return `work before the frame (input to list changed) median ${w.medianMs.toFixed(1)}, p95 ${w.p95Ms.toFixed(1)}, max ${w.maxMs.toFixed(1)} ms`;
    };
    const lines = [
      typing &&
        `typing: ${typing.iterations} keystrokes, p95 ${typing.p95Ms.toFixed(1)} ms (target: at most 16 ms); ${appWork('typing')}`,
      control && `control (the wait for a frame alone, no app work): p95 ${control.p95Ms.toFixed(1)} ms`,
      first &&
        `first keystroke ${FIRST_LOOK_MS} ms after the screen shows: median ${first.medianMs.toFixed(1)}, max ${first.maxMs.toFixed(1)} ms (target: under 20 ms); ${appWork('first')}`,
    ];
    for (const key of Object.keys(work)) delete work[key];
    return lines.filter((line): line is string => Boolean(line));
  },
};

export default suite;
