import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { daysFromToday } from '../helpers/testClock';
import { formatDate } from '../../src/shared/dates/typedDate';

describe('payers, plans and the policy matrix in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const cell = (code: string, label: string) =>
    h.page.getByRole('button', { name: new RegExp(`^${code} ${label}:`) });

  it('creates a payer, a plan, benefits and policies with the keyboard, and they survive a reload', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit3');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Payers and plans');

    await page.getByRole('button', { name: '+ New payer' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('payer-name');
    await page.keyboard.type('Fictional Keyboard Dental (test)');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12345');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Saved Fictional Keyboard Dental (test).').isVisible()).toBe(true);

    await page.getByRole('button', { name: '+ New plan for Fictional Keyboard Dental (test)' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('plan-name');
    await page.keyboard.type('Keyboard PPO');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.getByRole('heading', { name: 'Fictional Keyboard Dental (test): Keyboard PPO' }).isVisible(),
      )
      .toBe(true);

    // Plan money: maximum and diagnostic coverage.
    await page.getByLabel('Annual maximum').focus();
    await page.keyboard.type('$1,500');
    await page.getByLabel('Diagnostic coverage percent').focus();
    await page.keyboard.type('80%');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Benefits saved.').isVisible()).toBe(true);

    // Policies, in place: covered = yes, coverage 50%, frequency 1 per 36 months.
    await cell('D0367', 'Covered').focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Covered for D0367').selectOption('yes');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('D0367', 'Covered').textContent()).toBe('Yes');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('50');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('D0367', 'Coverage %').textContent()).toBe('50%');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1 per 36 months');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell('D0367', 'Frequency').textContent()).toBe('1 per 36 months');

    // A bad answer is explained beside the cell; Esc leaves the cell as it was.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.type('sometimes');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('1 per 36 months');
    await h.screenshot('payers-matrix-error');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell('D0368', 'Frequency').textContent()).toBe('?');
    await h.screenshot('payers-plan-editor');

    await h.reload();
    await page.keyboard.press('Alt+Digit3');
    await page.getByRole('button', { name: 'Keyboard PPO' }).click();
    await expect.poll(() => cell('D0367', 'Coverage %').textContent()).toBe('50%');
    expect(await cell('D0367', 'Frequency').textContent()).toBe('1 per 36 months');
    expect(await cell('D0365', 'Covered').textContent()).toBe('?');
    expect(await page.getByLabel('Annual maximum').inputValue()).toBe('$1,500.00');
    expect(await cell('D0367', 'Covered').getAttribute('aria-label')).toMatch(
      /Entered \d\d\/\d\d\/\d{4} by Test User/,
    );
    // The matrix fits the window: prior authorization is on screen without scrolling sideways, each
    // code is named, and a filter narrows the rows.
    // At 1366 pixels (the harness's window):
    const wrap = page.locator('.matrix-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await page.getByRole('columnheader', { name: 'Prior auth' }).isVisible()).toBe(true);
    expect(await page.getByRole('rowheader', { name: /D0367 Cone-beam CT, both jaws/ }).isVisible()).toBe(
      true,
    );
    await page.getByLabel('Filter codes').fill('cone beam');
    const rows = page.getByRole('grid', { name: 'Policies for Keyboard PPO' }).locator('tbody tr');
    await expect
      .poll(async () => (await rows.allTextContents()).every((r) => r.includes('Cone-beam')))
      .toBe(true);
    expect(await rows.count()).toBeGreaterThan(3);
    await page.getByLabel('Filter codes').fill('0367');
    await expect.poll(() => rows.count()).toBe(1);
    await h.screenshot('payers-matrix-filtered');
    // With every column shown the grid scrolls sideways; a cell reached with the keys is never under
    // the pinned code column.
    await page.getByLabel('Show PA details, alternate code and notes').check();
    await cell('D0367', 'Covered').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    const pinned = await page.getByRole('rowheader', { name: /D0367/ }).boundingBox();
    const first = await cell('D0367', 'Covered').boundingBox();
    expect(first!.x).toBeGreaterThanOrEqual(pinned!.x + pinned!.width - 1);
    await h.screenshot('payers-matrix-all-columns');
    await page.getByLabel('Show PA details, alternate code and notes').uncheck();
    await page.getByLabel('Filter codes').fill('');
  });

  it('refuses to delete nothing silently: a duplicate payer name is explained beside the field', async () => {
    const page = h.page;
    await page.getByRole('button', { name: '+ New payer' }).click();
    await page.getByLabel('Payer name').fill('fictional keyboard dental (TEST)');
    await page.keyboard.press('Enter');
    await expect
      .poll(() =>
        page.getByText('A payer called "fictional keyboard dental (TEST)" already exists.').isVisible(),
      )
      .toBe(true);
  });

  it('opens a payer portal in the browser only once an administrator listed its site', async () => {
    const page = h.page;
    const portal = 'https://portal.fictional-dental.example/providers';
    await page.getByRole('button', { name: '+ New payer' }).click();
    await page.getByLabel('Payer name').fill('Fictional Portal Dental (test)');
    await page.getByLabel('Portal').fill(portal);
    await page.getByRole('button', { name: 'Save payer' }).click();
    await expect.poll(() => page.getByText('Saved Fictional Portal Dental (test).').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Open the portal' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('add https://portal.fictional-dental.example in Settings');
    await h.screenshot('payers-portal-not-listed');
    expect(h.opened).toEqual([]);

    // An administrator lists the site (typed loosely: it is kept as its origin).
    await page.keyboard.press('Alt+Digit7');
    await page.getByRole('button', { name: 'Web sites VerifyDesk may open' }).click();
    await page
      .getByLabel('Sites, like https://portal.example.com')
      .fill('https://Portal.Fictional-Dental.example/');
    await page.getByRole('button', { name: 'Save sites' }).click();
    await expect
      .poll(() => page.getByLabel('Sites, like https://portal.example.com').inputValue())
      .toBe('https://portal.fictional-dental.example');

    await page.keyboard.press('Alt+Digit3');
    await page
      .getByRole('navigation', { name: 'Payers and plans' })
      .getByRole('button', { name: 'Fictional Portal Dental (test)', exact: true })
      .click();
    await page.getByRole('button', { name: 'Open the portal' }).click();
    await expect.poll(() => h.opened).toEqual([portal]);
  });

  it('adds a patient with primary coverage and history; stated amounts show where they came from', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit4');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Patients');
    await page.getByRole('button', { name: '+ New patient' }).click();
    await page.keyboard.type('Mrkfirst');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Qzxlast');
    await page.keyboard.press('Tab');
    await page.keyboard.type(formatDate(daysFromToday(1)));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('A date of birth cannot be in the future.').isVisible())
      .toBe(true);
    // A date that does not exist is explained beside the field, before anything is sent.
    await page.getByLabel('Date of birth').fill('02/30/1970');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('February 1970 has 28 days: check the day.').isVisible())
      .toBe(true);
    await page.getByLabel('Date of birth').fill('1/2/70');
    await page.getByLabel('Preferred language for printouts').selectOption('es');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Mrkfirst Qzxlast' }).isVisible()).toBe(true);

    await expect.poll(() => page.getByRole('status').textContent()).toBe('Patient saved.');
    await page.getByRole('button', { name: '+ Add coverage' }).click();
    // The message about the earlier save does not stay on screen through the next action.
    expect(await page.getByText('Patient saved.').count()).toBe(0);
    await page.keyboard.type('MRK987654321');
    // The patient is the subscriber: name and birth date are filled in from the record.
    expect(await page.getByLabel('Subscriber name').inputValue()).toBe('Mrkfirst Qzxlast');
    expect(await page.getByLabel('Subscriber date of birth').inputValue()).toBe('01/02/1970');
    await page.getByLabel('Effective date').fill(formatDate(daysFromToday(-690)));
    await page.getByLabel('Maximum used', { exact: true }).fill('$250');
    await page.getByLabel('Maximum used: stated on').fill(formatDate(daysFromToday(-21)));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.coverage-card').textContent()).toContain('Primary:');
    expect(await page.locator('.coverage-card').textContent()).toContain('Keyboard PPO');

    await page.getByLabel('Code').fill('D0330');
    await page.getByLabel('Service date').fill(formatDate(daysFromToday(-1348)));
    await page.getByLabel('Source').selectOption('payer');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('table.history').textContent())
      .toContain(`${formatDate(daysFromToday(-1348))}D0330Payer history`);
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await page.locator('.coverage-form').textContent()).toMatch(
      /Entered \d\d\/\d\d\/\d{4} by Test User/,
    );
    await h.screenshot('patients-editor');
  });
});
