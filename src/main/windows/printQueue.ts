// Printouts one at a time through one print page that stays open: a job moves the page to its hash
// (#/print/<kind>/<id>~<job>), waits until the page says that job is ready (or failed), hands the page
// to the printer or PDF writer, then empties it (#/print/idle). Opening a fresh page and loading the app
// for every printout was most of the time a printout took. Electron (printWindow.ts) and the test
// harness drive their own page through this same queue.

export interface PrintSurface {
  /** Moves the open page to another hash (no reload). */
  show(hash: string): Promise<void>;
  /** What the page's body says: data-print-ready / data-print-failed hold the job's hash. */
  state(): Promise<{ ready: string | null; failed: string | null; problem: string | null }>;
  /** False once the page was closed or crashed (the next job opens a new one). */
  alive(): boolean;
  close(): void;
}

export interface PrintQueueOptions<S extends PrintSurface> {
  /** Opens the print page at a hash (loading the app). */
  open(hash: string): Promise<S>;
  timeoutMs?: number;
  pollMs?: number;
  /** Milliseconds on a monotonic clock (tests pass their own). */
  clock?: () => number;
}

export const IDLE_HASH = '#/print/idle';

export function createPrintQueue<S extends PrintSurface>(options: PrintQueueOptions<S>) {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const pollMs = options.pollMs ?? 10;
  const clock = options.clock ?? (() => performance.now());
  let surface: S | null = null;
  let tail: Promise<unknown> = Promise.resolve();
  let job = 0;

  async function runNow<T>(route: string, use: (surface: S) => Promise<T>): Promise<T> {
    const hash = `#/${route}~${++job}`;
    if (surface?.alive()) await surface.show(hash);
    else surface = await options.open(hash);
    const page = surface;
    try {
      const started = clock();
      for (;;) {
        const state = await page.state();
        if (state.ready === hash) break;
        if (state.failed === hash) throw new Error(state.problem ?? 'The printout could not be prepared.');
        if (clock() - started > timeoutMs) throw new Error('The printout did not finish loading.');
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      return await use(page);
    } finally {
      // Empty the page between jobs; a page that cannot be reached is replaced on the next job.
      if (page.alive()) await page.show(IDLE_HASH).catch(() => page.close());
    }
  }

  return {
    /** Runs one printout; jobs wait their turn. */
    run<T>(route: string, use: (surface: S) => Promise<T>): Promise<T> {
      const result = tail.then(() => runNow(route, use));
      tail = result.catch(() => undefined);
      return result;
    },
    /** Closes the print page (the test harness, when it shuts down). */
    close(): void {
      surface?.close();
      surface = null;
    },
  };
}
