// The print queue behind Electron's print window and the harness's print page: one page reused from job
// to job, each job waited for by its own hash, emptied afterwards, and a dead page replaced.
import { describe, expect, it } from 'vitest';
import { createPrintQueue, IDLE_HASH, type PrintSurface } from '../../../src/main/windows/printQueue';

/** A print page that becomes ready (or fails) for each hash it is shown, after a few polls. */
function fakePages(behaviour: (hash: string) => 'ready' | 'failed' | 'never' = () => 'ready') {
  const opened: Array<PrintSurface & { shown: string[]; dead: boolean }> = [];
  const open = async (hash: string) => {
    const page = {
      shown: [hash],
      dead: false,
      polls: 0,
      show: async (next: string) => {
        page.shown.push(next);
        page.polls = 0;
      },
      state: async () => {
        const hash = page.shown.at(-1)!;
        page.polls++;
        const outcome = page.polls < 3 ? 'never' : behaviour(hash);
        return {
          ready: outcome === 'ready' ? hash : null,
          failed: outcome === 'failed' ? hash : null,
          problem: outcome === 'failed' ? 'That saved estimate does not exist.' : null,
        };
      },
      alive: () => !page.dead,
      close: () => {
        page.dead = true;
      },
    };
    opened.push(page);
    return page;
  };
  return { opened, open };
}

describe('print queue', () => {
  it('opens one page and reuses it: each job gets its own hash, and the page is emptied after', async () => {
    const pages = fakePages();
    const queue = createPrintQueue({ open: pages.open, pollMs: 1 });
    const seen: string[] = [];
    await queue.run('print/cost-summary/4', async (page) => void seen.push(page.shown.at(-1)!));
    await queue.run('print/cost-summary/4', async (page) => void seen.push(page.shown.at(-1)!));
    await queue.run('print/verification-record/9', async (page) => void seen.push(page.shown.at(-1)!));
    expect(pages.opened).toHaveLength(1);
    // The same document twice is two jobs: the second never reads the first one's "ready".
    expect(seen).toEqual([
      '#/print/cost-summary/4~1',
      '#/print/cost-summary/4~2',
      '#/print/verification-record/9~3',
    ]);
    expect(pages.opened[0]!.shown.at(-1)).toBe(IDLE_HASH);
  });

  it('runs jobs one at a time, in order', async () => {
    const pages = fakePages();
    const queue = createPrintQueue({ open: pages.open, pollMs: 1 });
    const events: string[] = [];
    const job = (name: string) =>
      queue.run(`print/cost-summary/${name}`, async () => {
        events.push(`start ${name}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`end ${name}`);
      });
    await Promise.all([job('1'), job('2'), job('3')]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('a job the page could not prepare fails with its reason, and the next job still runs', async () => {
    const pages = fakePages((hash) => (hash.includes('/404~') ? 'failed' : 'ready'));
    const queue = createPrintQueue({ open: pages.open, pollMs: 1 });
    await expect(queue.run('print/cost-summary/404', async () => 'printed')).rejects.toThrow(
      'That saved estimate does not exist.',
    );
    await expect(queue.run('print/cost-summary/5', async () => 'printed')).resolves.toBe('printed');
  });

  it('gives up on a page that never gets ready, and replaces a page that died', async () => {
    let ms = 0;
    const pages = fakePages(() => 'never');
    const queue = createPrintQueue({ open: pages.open, pollMs: 1, timeoutMs: 50, clock: () => (ms += 10) });
    await expect(queue.run('print/cost-summary/1', async () => 'printed')).rejects.toThrow(
      'The printout did not finish loading.',
    );
    pages.opened[0]!.dead = true;
    await expect(queue.run('print/cost-summary/1', async () => 'printed')).rejects.toThrow();
    expect(pages.opened).toHaveLength(2);
  });
});
