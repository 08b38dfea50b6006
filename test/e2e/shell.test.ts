import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, methodName } from '../../src/shared/ipc/channels';
import { startHarness, type Harness } from './harness';
import { daysFromToday } from '../helpers/testClock';
import { formatDate } from '../../src/shared/dates/typedDate';

describe('app shell in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('window.api has exactly the preload shape', async () => {
    const keys = await h.page.evaluate(() => Object.keys(window.api).sort());
    // A function per channel, and the one subscription to main's push (lists following other desks).
    expect(keys).toEqual([...CHANNELS.map(methodName), 'onOfficeChange'].sort());
  });

  it("main and the page run on the tests' day, not the machine's", async () => {
    // The page's clock starts at main's instant (harness.ts); a screen's "today" shows it: a new estimate
    // line defaults to a week ahead of the tests' day.
    await h.page.keyboard.press('Alt+Digit5');
    await expect.poll(() => h.page.locator('h1').textContent()).toBe('Estimate');
    expect(await h.page.getByLabel('Date of service, line 1').inputValue()).toBe(
      formatDate(daysFromToday(7)),
    );
    await h.page.keyboard.press('Alt+Digit1');
  });

  it('moves between every screen with the keyboard alone', async () => {
    const title = () => h.page.locator('h1').textContent();
    expect(await title()).toBe('Code lookup');
    await h.screenshot('shell-lookup');
    const FOCUS_ON_OPEN: Record<string, string> = {
      'Verification call': 'INPUT call-patient',
      'Payers and plans': 'H1 Payers and plans',
      Patients: 'INPUT patient-search',
      Estimate: 'INPUT estimate-patient',
      Records: 'H1 Records',
      Settings: 'BUTTON Office header',
      'Code lookup': 'INPUT lookup-input',
    };
    const expected: Array<[string, string]> = [
      ['2', 'Verification call'],
      ['3', 'Payers and plans'],
      ['4', 'Patients'],
      ['5', 'Estimate'],
      ['6', 'Records'],
      ['7', 'Settings'],
      ['1', 'Code lookup'],
    ];
    for (const [digit, heading] of expected) {
      await h.page.keyboard.press(`Alt+Digit${digit}`);
      await expect.poll(title).toBe(heading);
      // Focus follows the screen to its first useful field: the search box on Lookup, the patient field
      // on the call screen (no call running) and on Estimate, the patient search on Patients, the open
      // section on Settings; the title on Payers and Records (the next Tab starts there), whose first
      // content is a list to read, not a field.
      const focused = await h.page.evaluate(() => {
        const el = document.activeElement;
        return `${el?.tagName} ${el?.id || el?.textContent}`;
      });
      expect(focused).toBe(FOCUS_ON_OPEN[heading]);
    }
  });

  it('Settings shows the real version and database location, and saves the office header', async () => {
    await h.page.keyboard.press('Alt+Digit7');
    await h.page.getByRole('button', { name: 'About this installation' }).click();
    await expect.poll(() => h.page.getByTestId('db-path').textContent()).toBe(h.paths.dbPath);
    expect(await h.page.getByTestId('app-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);

    await h.page.getByRole('button', { name: 'Office header' }).click();
    await h.page.getByLabel('Practice name').fill('Synthetic Smiles Dental North (test)');
    await h.page.getByLabel(/NPI/).focus();
    await h.page.keyboard.press('Control+a');
    await h.page.keyboard.type('1234567890');
    await h.page.keyboard.press('Enter');
    // An NPI that fails its check digit is refused beside the field.
    await expect.poll(() => h.page.getByText(/This NPI fails its check digit/).isVisible()).toBe(true);
    await h.screenshot('shell-settings-validation');

    await h.page.getByLabel(/NPI/).fill('1234567893');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByText('Saved.').isVisible()).toBe(true);

    await h.reload();
    await h.page.keyboard.press('Alt+Digit7');
    await expect
      .poll(() => h.page.getByLabel('Practice name').inputValue())
      .toBe('Synthetic Smiles Dental North (test)');
    expect(await h.page.getByLabel(/NPI/).inputValue()).toBe('1234567893');
    const file = await h.screenshot('shell-settings');
    expect(existsSync(file)).toBe(true);
  });

  it('the production CSP is in force: a script injected through the DOM does not run', async () => {
    const outcome = await h.page.evaluate(
      () =>
        new Promise<{ ran: boolean; violation: string | null }>((resolve) => {
          let violation: string | null = null;
          document.addEventListener('securitypolicyviolation', (e) => (violation = e.violatedDirective));
          const script = document.createElement('script');
          script.textContent = 'window.__injected = true;';
          document.body.appendChild(script);
          setTimeout(
            () => resolve({ ran: (window as { __injected?: boolean }).__injected === true, violation }),
            200,
          );
        }),
    );
    expect(outcome.ran).toBe(false);
    expect(outcome.violation).toMatch(/^script-src/);
  });

  it('the page requested nothing but its own loopback origin', () => {
    expect(h.requests.length).toBeGreaterThan(0);
    for (const url of h.requests) expect(url.startsWith(`${h.origin}/`), url).toBe(true);
  });

  it('a failed call to main shows the error banner, and Esc dismisses it', async () => {
    await h.page.keyboard.press('Alt+Digit1');
    await h.db.close(); // main's database goes away: every handler now fails
    await h.page.keyboard.press('Alt+Digit7');
    const banner = h.page.getByRole('alert');
    await expect.poll(() => banner.textContent()).toContain('could not finish this action');
    await h.screenshot('shell-error-banner');
    expect(h.mainErrors.length).toBeGreaterThan(0);
    await h.page.keyboard.press('Escape');
    await expect.poll(() => banner.count()).toBe(0);
  });
});
