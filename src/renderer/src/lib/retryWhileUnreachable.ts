// Saves that the office database could not take, tried again by themselves (issue 18, item 4): the
// first retry after 2 s, then waiting twice as long each time up to 15 s, one try on its way at a time,
// oldest first. Main never acknowledged them, so trying again is the only way they get saved; a try that
// landed although its reply was lost is refused by main on the retry (the caller reloads).
// Timers are the page's own (setTimeout, and clock.ts for "now"), so tests drive them with fake timers.
import { nowMs } from './clock';

export const FIRST_RETRY_MS = 2_000;
export const LONGEST_WAIT_MS = 15_000;

/** How long to wait after the `failures`-th refused try: 2, 4, 8, 15, 15 ... seconds. */
export function retryDelayMs(failures: number): number {
  return Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/** What one try came to: saved; refused because the server is out of reach; or settled otherwise. */
export type TryOutcome = 'saved' | 'unreachable' | 'settled';

export interface RetryStatus<K extends string> {
  /** When the next try goes, on the page's clock (ms); null while a try is on its way. */
  at: number | null;
  /** What waits to be saved, oldest first. */
  waiting: K[];
}

export interface SaveRetry<K extends string> {
  /**
   * A save the person asked for: it replaces one of the same kind that waits (Enter "tries now"), and is
   * not sent while one of its kind is on its way (never two at once). Resolves with what it came to.
   */
  save(kind: K, tryOnce: (retry: boolean) => Promise<TryOutcome>): Promise<TryOutcome | 'busy'>;
  /** Resolves when the save of this kind on its way (if any) has come back. */
  settled(kind: K): Promise<void>;
  /** Sends the oldest waiting save now instead of at the end of the countdown. */
  retryNow(): void;
  /** The person changed what waits (edited the answer): it is no longer to be sent. */
  forget(kind: K): void;
  /** Retries only while the call is on screen; off forgets everything waiting. */
  enable(on: boolean): void;
  /** Whether a save refused as out of reach will be tried again (else the caller says so and stops). */
  readonly enabled: boolean;
  /** The call left the screen, or the session locked: nothing waiting is sent, no timer is left. */
  stop(): void;
}

export function createSaveRetry<K extends string>(
  onStatus: (status: RetryStatus<K> | null) => void,
): SaveRetry<K> {
  const waiting = new Map<K, (retry: boolean) => Promise<TryOutcome>>();
  const sending = new Map<K, Promise<unknown>>();
  /** Forgotten while on its way: if it comes back refused, it does not wait again. */
  const dropped = new Set<K>();
  let enabled = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let at: number | null = null;
  /** Bumped by stop(): a try that comes back afterwards is not put back in the queue. */
  let generation = 0;
  let retrying = false;

  const report = () =>
    onStatus(waiting.size === 0 ? null : { at: retrying ? null : at, waiting: [...waiting.keys()] });

  const clearTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    at = null;
  };

  const schedule = () => {
    if (timer !== null || retrying || waiting.size === 0) return;
    const wait = retryDelayMs(failures);
    at = nowMs() + wait;
    timer = setTimeout(() => {
      timer = null;
      void retryOldest();
    }, wait);
  };

  /** Sends one save; what it came to decides whether it waits again. */
  const send = async (kind: K, tryOnce: (retry: boolean) => Promise<TryOutcome>, retry: boolean) => {
    const mine = generation;
    const attempt = tryOnce(retry).catch((): TryOutcome => 'settled');
    sending.set(kind, attempt);
    const outcome = await attempt;
    sending.delete(kind);
    const forgotten = dropped.delete(kind);
    if (mine !== generation) return outcome;
    if (outcome === 'unreachable' && enabled && !forgotten) {
      failures += 1;
      // Put back at its place in the line unless the person replaced it meanwhile.
      if (!waiting.has(kind)) waiting.set(kind, tryOnce);
    } else if (outcome === 'saved') failures = 0;
    return outcome;
  };

  async function retryOldest(): Promise<void> {
    if (retrying) return;
    const oldest = waiting.keys().next();
    if (oldest.done) return report();
    const kind = oldest.value;
    const tryOnce = waiting.get(kind)!;
    if (sending.has(kind)) return schedule();
    clearTimer();
    waiting.delete(kind);
    retrying = true;
    onStatus({ at: null, waiting: [kind, ...waiting.keys()] });
    const mine = generation;
    const outcome = await send(kind, tryOnce, true);
    if (mine !== generation) return;
    retrying = false;
    // Landed (or settled): the next one goes at once, the server is answering; still out of reach: wait.
    if (outcome !== 'unreachable' && waiting.size > 0) return retryOldest();
    schedule();
    report();
  }

  return {
    async save(kind, tryOnce) {
      if (sending.has(kind)) return 'busy';
      dropped.delete(kind);
      waiting.delete(kind);
      if (waiting.size === 0) clearTimer();
      report();
      const outcome = await send(kind, tryOnce, false);
      schedule();
      report();
      return outcome;
    },
    async settled(kind) {
      await sending.get(kind);
    },
    retryNow() {
      clearTimer();
      void retryOldest();
    },
    forget(kind) {
      if (sending.has(kind)) dropped.add(kind);
      if (!waiting.delete(kind)) return;
      if (waiting.size === 0) clearTimer();
      report();
    },
    enable(on) {
      enabled = on;
      if (!on) this.stop();
    },
    get enabled() {
      return enabled;
    },
    stop() {
      generation += 1;
      clearTimer();
      waiting.clear();
      retrying = false;
      failures = 0;
      report();
    },
  };
}
