// Every screen as a new user meets it on the smallest desk screen (1366x768) and on a large one
// (1920x1080): nothing spills sideways out of the window, and each screen is kept as a screenshot
// (test-output/e2e/screen-*.png) for a person to look at. The data is what a working desk has: sample
// payers, a patient with coverage and history, a finished call, a prior authorization waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPriorAuth } from '../../src/main/db/repositories/priorAuthRepo';
import { formatDate } from '../../src/shared/dates/typedDate';
import { row } from '../helpers/sqlRows';
import { daysFromToday } from '../helpers/testClock';
import { completeCallInPage } from './completeCallInPage';
import { startHarness, type Harness } from './harness';
import { seedPrintData } from './seedPrintData';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('every screen at 1366x768 and 1920x1080', () => {
  let h: Harness;
  let patientId: number;
  beforeAll(async () => {
    h = await startHarness({ sampleData: true });
    patientId = await seedPrintData(h, 'en', 'Ramírez');
    // The payer's prior-authorization line and portal, as the desk would have them on file.
    await h.page.evaluate(async () => {
      const payers = await window.api.payersList({});
      if (!payers.ok) throw new Error(payers.error.message);
      const {
        id,
        isSample: _s,
        planCount: _c,
        updatedAt: _u,
        ...payer
      } = payers.value.find((p) => p.name === 'Fictional Print Dental (test)')!;
      const saved = await window.api.payersSave({
        id,
        payer: { ...payer, phonePriorAuth: '555-0142', portalUrl: 'https://portal.fictional-dental.example' },
      });
      if (!saved.ok) throw new Error(saved.error.message);
    });
    const callId = await completeCallInPage(h, patientId, ['D0367']);
    // A prior authorization waiting to be submitted, as a call that found "required" leaves it.
    const plan = (await row<{ id: number }>(h.db, 'SELECT plan_id AS id FROM calls WHERE id = ?', callId))!;
    await insertPriorAuth(h.db, {
      callId,
      patientId,
      planId: plan.id,
      code: 'D0367',
      serviceDate: daysFromToday(18),
      method: 'Portal',
      contact: 'Fictional portal, imaging reviews',
      attachments: 'Narrative, pano',
      now: h.now().toISOString(),
      byUser: 'Test User',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Screenshots the screen at both sizes and checks that nothing is wider than the window. */
  async function look(name: string) {
    for (const size of SIZES) {
      await h.page.setViewportSize(size);
      const overflow = await h.page.evaluate(
        () => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth,
      );
      expect(overflow, `${name} at ${size.width}px spills sideways by ${overflow}px`).toBeLessThanOrEqual(0);
      await h.screenshot(`screen-${name}-${size.width}`);
    }
    await h.page.setViewportSize(SIZES[0]);
  }
  const go = async (digit: number, title: string) => {
    await h.page.keyboard.press(`Alt+Digit${digit}`);
    await expect.poll(() => h.page.locator('h1').textContent()).toBe(title);
  };

  it('Lookup and Call', async () => {
    await go(1, 'Code lookup');
    await look('lookup');
    await go(2, 'Verification call');
    await look('call');
  });

  it('Payers: the list, a payer read-only, a plan with its benefits, the matrix', async () => {
    const page = h.page;
    await go(3, 'Payers and plans');
    await look('payers');
    const list = page.getByRole('navigation', { name: 'Payers and plans' });
    await list.getByRole('button', { name: 'Fictional Print Dental (test)', exact: true }).click();
    expect(await page.getByRole('button', { name: 'Edit payer' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Payer name').count()).toBe(0);
    await look('payers-payer');
    await list.getByRole('button', { name: /Print PPO/ }).click();
    // The selected plan's group number reads on the blue of the selection.
    const group = list.locator('.tree-item.selected .plan-group');
    expect(await group.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(227, 238, 243)');
    await page.locator('.matrix-panel').waitFor();
    await look('payers-plan');
  });

  it('Patients: search by last, first without the accent; no match; the coverage form', async () => {
    const page = h.page;
    await go(4, 'Patients');
    await page.getByLabel('Find a patient').fill('ramirez, mrk');
    const found = page.getByRole('button', { name: /Ramírez, Mrkfirst/ });
    await expect.poll(() => found.textContent()).toContain('born 01/02/1970');
    await look('patients-search');
    await page.getByLabel('Find a patient').fill('Nobody Nowhere');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('No patient matches “Nobody Nowhere”');
    await look('patients-no-match');
    await page.getByLabel('Find a patient').fill('01021970');
    await found.click();
    await page.getByRole('button', { name: 'Edit' }).click();
    await look('patients-coverage');
  });

  it('Estimate: lines with their names and dates, the result', async () => {
    const page = h.page;
    await go(5, 'Estimate');
    await page.getByLabel('Patient').fill('MRK98765');
    await page.getByRole('button', { name: /Ramírez/ }).click();
    await page.getByLabel('Code, line 1').fill('D0367');
    await look('estimate-lines');
    await page.getByLabel('Date of service, line 1').fill(formatDate(daysFromToday(18)));
    await page.getByLabel('Fee, line 1').fill('1200');
    await expect.poll(() => page.getByRole('table', { name: 'Estimate' }).isVisible()).toBe(true);
    await look('estimate-result');
  });

  it('Records: the worklists with days to the appointment, the PA line, and whose PA the form is', async () => {
    const page = h.page;
    await go(6, 'Records');
    const row = page.getByRole('table', { name: 'Prior authorization worklist' }).locator('tbody tr').first();
    await expect.poll(() => row.textContent()).toContain('in 18 days');
    expect(await row.textContent()).toContain('555-0142');
    expect(
      await row.getByRole('button', { name: 'Open the Fictional Print Dental (test) portal' }).isVisible(),
    ).toBe(true);
    // Each flag is one pill on one line.
    for (const height of await row
      .locator('.badge')
      .evaluateAll((els) => els.map((e) => e.getClientRects().length)))
      expect(height).toBe(1);
    await look('records');
    await row.getByRole('button', { name: /Update D0367/ }).click();
    await expect
      .poll(() =>
        page
          .getByRole('form', { name: 'Prior authorization for D0367' })
          .getByRole('heading', { level: 3 })
          .textContent(),
      )
      .toBe('D0367 for Mrkfirst Ramírez (born 01/02/1970)');
    await look('records-pa-form');
  });

  it('Settings: one section at a time, the audit trail grouped and named', async () => {
    const page = h.page;
    await go(7, 'Settings');
    await look('settings-office');
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    expect(await sections.getByRole('button').count()).toBe(12);
    // The page is one section long, not ten thousand pixels.
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThan(2000);
    await sections.getByRole('button', { name: 'Audit trail' }).click();
    const audit = page.getByRole('table', { name: 'Audit trail' });
    await expect.poll(() => audit.textContent()).toContain('created verification call');
    expect(await audit.textContent()).toContain('Mrkfirst Ramírez');
    await look('settings-audit');
    await sections.getByRole('button', { name: 'Backups' }).click();
    await look('settings-backups');
    await sections.getByRole('button', { name: 'Users' }).click();
    await look('settings-users');
  });
});
