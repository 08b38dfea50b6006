// The office database goes away mid-call (issue 18, item 4), in the browser: the answer typed is refused
// as not saved, the call screen says so with a countdown, tries again by itself (and at once on Enter)
// while the server stays away, and when it is back the answer lands once and the call goes on. The
// harness has no PostgreSQL: a test-only fault refuses `call:answer` the way main does when the server
// is lost (code 'unavailable', main's own words); everything after the fault is the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { num } from '../helpers/sqlRows';
import { startHarness, SCREENSHOT_DIR, type Harness } from './harness';
import { seedPrintData } from './seedPrintData';
import { startCallThroughForm } from './startCallForm';

describe('the office database gone mid-call', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedPrintData(h, 'en', 'Outagepatient');
  });
  afterAll(async () => {
    await h.close();
  });

  it('says the answer was not saved, counts down, tries again, and goes on once the server is back', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit2');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Verification call');
    await startCallThroughForm(page, { patient: 'Outagepatient', codes: 'D0367', dialed: '555-0199' });
    const question = page.getByRole('region', { name: 'Current question' });
    const firstKey = await question.getAttribute('data-key');
    expect(await question.getAttribute('data-type')).not.toMatch(/yes_no_unknown|choice/);
    const callId = await num(h.db, "SELECT max(id) AS n FROM calls WHERE status = 'in_progress'");
    const answersOnFile = () =>
      num(
        h.db,
        'SELECT COUNT(*) AS n FROM call_answers WHERE call_id = ? AND answer_key = ?',
        callId,
        firstKey,
      );

    // The server goes; the page's clock (started with main's, a few seconds ahead is surely its future)
    // stands still from here, so the countdown moves only when told.
    const gone = h.officeDatabaseGone(['call:answer']);
    await page.clock.pauseAt(h.now().getTime() + 5_000);
    const box = question.getByLabel('Answer');
    await box.fill('Denise K');
    await box.press('Enter');

    const notice = page.getByRole('status').filter({ hasText: 'Not saved' });
    await expect
      .poll(() => notice.textContent())
      .toBe(
        'Not saved: the office database cannot be reached. Trying again in 2 s… (Enter tries now)Try now',
      );
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(
        /cannot reach the office database verifydesk on db\.office\.lan:5432, so what you just entered was not saved/,
      );
    expect(await box.inputValue()).toBe('Denise K');
    expect(await question.getAttribute('data-key')).toBe(firstKey);
    expect(gone.refused).toEqual(['call:answer']);

    // What the desk sees, above the fold at both sizes: the banner, the question with the answer kept,
    // and the notice right under it.
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/office-unreachable-call-${width}.png` });
      const bottom = await notice.evaluate((el) => el.getBoundingClientRect().bottom);
      expect(bottom, `the notice is above the fold at ${width}x${height}`).toBeLessThanOrEqual(height);
      // What happens next on a line of its own, not wrapped (two lines would be about 45 px).
      const words = notice.locator('.save-retry-when');
      expect(await words.evaluate((el) => el.getBoundingClientRect().height)).toBeLessThan(36);
    }

    // The countdown runs on the page's clock; at 2 s the answer is tried again, refused again: 4 s.
    await page.clock.runFor(1_000);
    await expect.poll(() => notice.textContent()).toContain('Trying again in 1 s…');
    await page.clock.runFor(1_000);
    await expect.poll(() => gone.refused.length).toBe(2);
    await expect.poll(() => notice.textContent()).toContain('Trying again in 4 s…');

    // Enter tries at once (refused again: the wait doubles to 8 s).
    await box.press('Enter');
    await expect.poll(() => gone.refused.length).toBe(3);
    await expect.poll(() => notice.textContent()).toContain('Trying again in 8 s…');
    expect(await answersOnFile()).toBe(0);

    // The server is back: the next try lands by itself, once; the call goes on and the words go.
    h.officeDatabaseBack();
    await page.clock.runFor(7_999);
    expect(await question.getAttribute('data-key')).toBe(firstKey);
    await page.clock.runFor(1);
    await expect.poll(() => question.getAttribute('data-key')).not.toBe(firstKey);
    expect(await notice.count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await answersOnFile()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/office-unreachable-call-back-1366.png` });

    // Nothing else waits: a long wait sends nothing more.
    await page.clock.runFor(60_000);
    expect(gone.refused.length).toBe(3);
    expect(await answersOnFile()).toBe(1);
    await page.clock.resume();
  });
});
