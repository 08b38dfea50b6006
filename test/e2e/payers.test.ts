import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { daysFromToday } from '../helpers/testClock';

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
    await page.keyboard.type(daysFromToday(1));
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByText('A date of birth cannot be in the future.').isVisible())
      .toBe(true);
    await page.getByLabel('Date of birth').fill('1970-01-02');
    await page.getByLabel('Preferred language for printouts').selectOption('es');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Mrkfirst Qzxlast' }).isVisible()).toBe(true);

    await page.getByRole('button', { name: '+ Add coverage' }).click();
    await page.keyboard.type('MRK987654321');
    await page.getByLabel('Subscriber name').fill('Mrkfirst Qzxlast');
    await page.getByLabel('Effective date').fill(daysFromToday(-690));
    await page.getByLabel('Maximum used', { exact: true }).fill('$250');
    await page.getByLabel('Maximum used: stated on').fill(daysFromToday(-21));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.coverage-card').textContent()).toContain('Primary:');
    expect(await page.locator('.coverage-card').textContent()).toContain('Keyboard PPO');

    await page.getByLabel('Code').fill('D0330');
    await page.getByLabel('Service date').fill(daysFromToday(-1348));
    await page.getByLabel('Source').selectOption('payer');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('table.history').textContent())
      .toContain(`${daysFromToday(-1348)}D0330Payer history`);
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await page.locator('.coverage-form').textContent()).toMatch(
      /Entered \d\d\/\d\d\/\d{4} by Test User/,
    );
    await h.screenshot('patients-editor');
  });
});
