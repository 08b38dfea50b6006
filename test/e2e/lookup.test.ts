import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { SCREENSHOT_DIR, startHarness, type Harness } from './harness';

describe('code lookup in Chromium', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  const results = () => h.page.getByRole('listbox', { name: 'Search results' }).getByRole('option');
  const firstResult = () => results().first().locator('.result-code').textContent();

  it('Ctrl+K from another screen: type, pick with the keyboard, read the code page, go back', async () => {
    await h.page.keyboard.press('Alt+Digit7');
    await expect.poll(() => h.page.locator('h1').textContent()).toBe('Settings');
    await h.page.keyboard.press('Control+KeyK');
    const palette = h.page.getByRole('dialog', { name: 'Search codes' });
    await expect.poll(() => palette.isVisible()).toBe(true);
    await h.page.keyboard.type('cone beam upper', { delay: 20 });
    await expect.poll(firstResult).toBe('D0366');
    await h.screenshot('lookup-palette-results');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => palette.getByRole('heading', { name: 'D0366' }).isVisible()).toBe(true);
    const page = palette.locator('.code-page');
    expect(await page.textContent()).toContain('upper jaw (maxilla)');
    // Side by side: D0365 with its own summary and the difference.
    const row = page.locator('table.confused tr', { hasText: 'D0365' });
    expect(await row.textContent()).toContain('lower jaw (mandible)');
    await h.screenshot('lookup-code-page');

    await page.getByRole('button', { name: 'K04.5' }).focus();
    await h.page.keyboard.press('Enter');
    await expect.poll(() => palette.getByRole('heading', { name: 'K04.5' }).isVisible()).toBe(true);
    expect(await palette.textContent()).toContain('Chronic apical periodontitis');

    await h.page.keyboard.press('Escape'); // back to results
    await expect.poll(() => palette.getByRole('combobox').isVisible()).toBe(true);
    await h.page.keyboard.press('Escape'); // close the palette
    await expect.poll(() => palette.count()).toBe(0);
    expect(await h.page.locator('h1').textContent()).toBe('Settings');
  });

  it('on the Lookup screen: a code typed as "d371" comes first; Alt+C copies it', async () => {
    await h.page.keyboard.press('Alt+Digit1');
    const box = h.page.getByRole('combobox');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await h.page.keyboard.type('d371');
    await expect.poll(firstResult).toBe('D0371');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByRole('heading', { name: 'D0371' }).isVisible()).toBe(true);
    await h.page.keyboard.press('Alt+KeyC');
    await expect.poll(() => h.copied).toEqual(['D0371']);
    await h.page.keyboard.press('Escape');
  });

  it('typos and deleted codes: "ultrasond" finds D0370; deleted codes only by number, marked', async () => {
    const box = h.page.getByRole('combobox');
    await box.fill('ultrasond');
    await expect.poll(firstResult).toBe('D0370');
    expect(await h.page.locator('.corrections').textContent()).toContain('"ultrasound" (for "ultrasond")');
    await box.fill('D036');
    await expect.poll(() => results().count()).toBe(6);
    expect((await results().allTextContents()).some((t) => t.includes('Deleted'))).toBe(false);
    await box.fill('D0363');
    await expect.poll(firstResult).toBe('D0363');
    expect(await results().first().textContent()).toContain('Deleted');
    await h.screenshot('lookup-deleted-exact');
  });

  it('what the clinical note says finds the diagnosis: its terms, then the imaging codes it supports', async () => {
    const box = h.page.getByRole('combobox');
    await box.fill('');
    await h.page.keyboard.type('stone in the duct under the tongue', { delay: 10 });
    await expect.poll(firstResult).toBe('K11.5');
    const listbox = h.page.getByRole('listbox', { name: 'Search results' });
    const firstGroup = listbox.getByRole('group').first();
    expect(await firstGroup.getAttribute('aria-labelledby')).toBe('lookup-group-icd10');
    expect(await results().first().textContent()).toContain('found by “stone under the tongue”');
    await h.page.keyboard.press('Enter');
    const page = h.page.getByRole('article', { name: 'Diagnosis K11.5' });
    await expect.poll(() => page.isVisible()).toBe(true);
    const text = (await page.textContent()) ?? '';
    expect(text).toContain('Sialolithiasis');
    expect(text).toContain('Stone of salivary gland or duct');
    expect(text).toContain('Everyday words that find it (ours, not official)');
    // From the diagnosis to the imaging code the coordinator is verifying.
    await page.getByRole('button', { name: 'D0310' }).click();
    await expect.poll(() => h.page.getByRole('heading', { name: 'D0310' }).isVisible()).toBe(true);
    await h.page.keyboard.press('Escape');
  });

  it('Enter on the first hit opens what the words ask for: "cbct both jaws" is D0367', async () => {
    const box = h.page.getByRole('combobox');
    await box.fill('');
    await h.page.keyboard.type('cbct both jaws', { delay: 10 });
    await expect.poll(firstResult).toBe('D0367');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByRole('heading', { name: 'D0367' }).isVisible()).toBe(true);
    await h.page.keyboard.press('Escape');
  });

  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    it(`at ${width}x${height} the best hit of every group is on screen without scrolling`, async () => {
      await h.page.setViewportSize({ width, height });
      try {
        for (const query of ['sialo', 'parotid', 'tmj']) {
          const box = h.page.getByRole('combobox');
          await box.fill('');
          await h.page.keyboard.type(query, { delay: 10 });
          const groups = h.page.getByRole('listbox', { name: 'Search results' }).getByRole('group');
          await expect.poll(() => groups.count()).toBe(3);
          for (const group of await groups.all()) {
            const best = await group.getByRole('option').first().boundingBox();
            expect(best, `${query}: ${await group.getAttribute('aria-labelledby')}`).not.toBeNull();
            expect(best!.y + best!.height, `${query} at ${width}x${height}`).toBeLessThanOrEqual(height);
          }
          mkdirSync(SCREENSHOT_DIR, { recursive: true });
          await h.page.screenshot({
            path: path.join(SCREENSHOT_DIR, `lookup-groups-${query}-${width}x${height}.png`),
          });
        }
      } finally {
        await h.page.setViewportSize({ width: 1280, height: 860 });
      }
    });
  }

  it("imports the practice's licensed file from Settings, then shows and finds the official text", async () => {
    await h.page.keyboard.press('Alt+Digit7');
    await h.page.getByRole('button', { name: 'Licensed CDT code file' }).click();
    const csv =
      'Code,Nomenclature,Descriptor\r\nD0367,"Synthetic official name, both jaws",Synthetic descriptor with zebraword\r\nD9999,Outside,Not imaging\r\n';
    await h.page
      .getByLabel('CSV file')
      .setInputFiles({ name: 'synthetic-cdt.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const preview = h.page.getByLabel('Import preview');
    await expect
      .poll(() => preview.textContent())
      .toContain('1 code to get official text for the first time');
    expect(await preview.textContent()).toContain('outside VerifyDesk');
    await h.screenshot('settings-import-preview');
    await h.page.getByRole('button', { name: 'Import 1 code' }).click();
    await expect.poll(() => h.page.getByText('Imported official text for 1 code.').isVisible()).toBe(true);

    await h.page.keyboard.press('Control+KeyK');
    await h.page.keyboard.type('zebraword');
    await expect.poll(firstResult).toBe('D0367');
    await h.page.keyboard.press('Enter');
    await expect.poll(() => h.page.getByText('Synthetic official name, both jaws').isVisible()).toBe(true);
    await h.screenshot('lookup-code-page-official');
    await h.page.keyboard.press('Escape');
    await h.page.keyboard.press('Escape');
  });

  it('refuses a bad file with line numbers and imports nothing', async () => {
    await h.page.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('D0368,Fine,Row\nBAD,Row,Here\nD0368,Dup,Row\n'),
    });
    const preview = h.page.getByLabel('Import preview');
    await expect.poll(() => preview.textContent()).toContain('2 problems to fix in the file first');
    expect(await preview.textContent()).toContain('Line 2: the code is not a CDT code');
    expect(await preview.textContent()).toContain('Line 3: D0368 already appears on line 1.');
    expect(
      await h.page.getByRole('button', { name: 'Fix the file, then choose it again' }).isDisabled(),
    ).toBe(true);
    await h.screenshot('settings-import-errors');
    // The catalog stays on this computer's own SQLite file, whichever engine holds the office's data.
    expect(
      h.catalog.prepare("SELECT count(*) AS n FROM licensed_cdt_texts WHERE code = 'D0368'").get(),
    ).toEqual({
      n: 0,
    });
  });
});
