import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

describe('sample data, policy packs and fee schedules in Chromium', () => {
  let first: Harness;
  let second: Harness;
  beforeAll(async () => {
    first = await startHarness({ sampleData: true });
    second = await startHarness();
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('first run shows fictional sample payers, clearly named', async () => {
    await first.page.keyboard.press('Alt+Digit3');
    const list = first.page.getByRole('navigation', { name: 'Payers and plans' });
    await expect
      .poll(() => list.textContent())
      .toContain('SAMPLE Fictional Bluebird Dental (not a real payer)');
    expect(await list.locator('.badge-sample').count()).toBe(3);
    await first.page.getByRole('button', { name: 'SAMPLE Bluebird PPO 1500' }).click();
    await expect
      .poll(() => first.page.getByRole('button', { name: /^D0367 Prior auth: Required/ }).isVisible())
      .toBe(true);
    await first.screenshot('payers-sample-plan');
  });

  it('exports a policy pack to a file and imports it on another workstation after a preview', async () => {
    // Give the first workstation a real payer of its own (sample data is never exported).
    await first.page.getByRole('button', { name: '+ New payer' }).click();
    await first.page.keyboard.type('Fictional Pack Payer (test)');
    await first.page.keyboard.press('Enter');
    await expect
      .poll(() => first.page.getByText('Saved Fictional Pack Payer (test).').isVisible())
      .toBe(true);

    await first.page.keyboard.press('Alt+Digit7');
    await first.page.getByRole('button', { name: 'Move knowledge between computers' }).click();
    await first.page.getByRole('button', { name: 'Export policy pack…' }).click();
    await expect.poll(() => first.saved.length).toBe(1);
    const packFile = first.saved[0]!;
    expect(packFile).toMatch(/verifydesk-policy-pack-\d{4}-\d\d-\d\d\.json$/);
    const text = readFileSync(packFile, 'utf8');
    expect(text).toContain('Fictional Pack Payer (test)');
    expect(text).not.toContain('SAMPLE');

    await second.page.keyboard.press('Alt+Digit7');
    await second.page.getByRole('button', { name: 'Move knowledge between computers' }).click();
    await second.page.getByLabel('Import a policy pack:').setInputFiles(packFile);
    const preview = second.page.getByLabel('Policy pack preview');
    await expect.poll(() => preview.textContent()).toContain('1 new payer');
    await second.screenshot('settings-pack-preview');
    await second.page.getByRole('button', { name: 'Import this pack' }).click();
    await expect.poll(() => second.page.getByRole('status').last().textContent()).toContain('Imported');
    await second.page.keyboard.press('Alt+Digit3');
    await expect
      .poll(() => second.page.getByRole('navigation', { name: 'Payers and plans' }).textContent())
      .toContain('Fictional Pack Payer (test)');
  });

  it('imports an office fee CSV only when every row is right', async () => {
    await second.page.keyboard.press('Alt+Digit7');
    const input = second.page.getByLabel('Import CSV:');
    await input.setInputFiles({
      name: 'fees.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('code,fee\nD0367,1200\nD0368,abc\n'),
    });
    const preview = second.page.getByLabel('Fee schedule preview');
    await expect
      .poll(() => preview.textContent())
      .toContain('fees.csv, line 3, column amount: not an amount');
    expect(await second.page.getByRole('button', { name: 'Import these fees' }).isDisabled()).toBe(true);
    await input.setInputFiles({
      name: 'fees-fixed.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('code,fee\nD0367,1200\nD0368,950.50\n'),
    });
    await expect.poll(() => preview.textContent()).toContain('2 new fees');
    await second.page.getByRole('button', { name: 'Import these fees' }).click();
    await expect
      .poll(() => second.page.getByRole('status').last().textContent())
      .toContain('Imported fees-fixed.csv');
    await second.page.getByRole('button', { name: 'Export CSV…' }).click();
    await expect.poll(() => second.saved.length).toBe(1);
    expect(readFileSync(second.saved[0]!, 'utf8')).toBe('code,fee\r\nD0367,1200.00\r\nD0368,950.50\r\n');
    await second.screenshot('settings-data-panel');
  });

  it('removes the sample data in one confirmed action', async () => {
    await first.page.keyboard.press('Alt+Digit7');
    await first.page.getByRole('button', { name: 'Sample data', exact: true }).click();
    await first.page.getByRole('button', { name: 'Remove sample data' }).click();
    await first.page.getByRole('button', { name: 'Yes, remove 3 sample payers' }).click();
    await expect
      .poll(() => first.page.getByText('Removed 3 sample payers and 3 plans.').isVisible())
      .toBe(true);
    await first.page.keyboard.press('Alt+Digit3');
    const list = first.page.getByRole('navigation', { name: 'Payers and plans' });
    await expect.poll(() => list.textContent()).not.toContain('SAMPLE');
    expect(await list.textContent()).toContain('Fictional Pack Payer (test)');
  });
});
