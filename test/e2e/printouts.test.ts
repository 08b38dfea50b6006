// The patient cost summary, printed through the same templates Electron uses, checked as a PDF:
// words and amounts present, one page, and nothing that must not print.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { setSyntheticOffice } from './officeHeader';
import { pdfPages, pdfText, toPng } from './pdf';
import { PANO_TAKEN_ON, seedPrintData as seed } from './seedPrintData';
import { addMonths } from '../../src/shared/dates/calendar';
import { daysFromToday } from '../helpers/testClock';

describe('patient cost summary printout', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setSyntheticOffice(h);
  });
  afterAll(async () => {
    await h.close();
  });

  async function estimateAndSavePdf(lastName: string): Promise<string> {
    const page = h.page;
    await page.keyboard.press('Alt+Digit5');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Estimate');
    if (await page.getByRole('button', { name: 'Change patient' }).isVisible())
      await page.getByRole('button', { name: 'Change patient' }).click();
    await page.getByLabel('Patient').fill(lastName);
    await page.getByRole('button', { name: new RegExp(lastName) }).click();
    await page.getByLabel('Code, line 1').fill('D0367');
    await page.getByLabel('Date of service, line 1').fill(daysFromToday(18));
    await page.getByLabel('Fee, line 1').fill('1200');
    if ((await page.getByLabel('Code, line 2').count()) === 0)
      await page.getByRole('button', { name: '+ Add a code' }).click();
    await page.getByLabel('Code, line 2').fill('D0330');
    await page.getByLabel('Date of service, line 2').fill(daysFromToday(18));
    await page.getByLabel('Fee, line 2').fill('150');
    const table = page.getByRole('table', { name: 'Estimate' });
    // No allowed-fee schedule: the office fee is the base. D0367: (1200 - 50 deductible) x 50% = 575.
    // D0330: the pano taken in the seed data (PANO_TAKEN_ON) uses the 1-per-60-months limit. Patient: 625 + 150 = 775.
    await expect.poll(() => table.textContent()).toContain('$775.00');
    await h.screenshot(`estimate-screen-${lastName.toLowerCase()}`);
    await page.getByRole('button', { name: 'Save estimate' }).click();
    await expect.poll(() => page.getByText(/Saved as estimate #\d+/).isVisible()).toBe(true);
    const before = h.saved.length;
    await page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => h.saved.length, { timeout: 20_000 }).toBe(before + 1);
    return h.saved.at(-1)!;
  }

  it('English: one page with the amounts, the prior-auth status, the disclaimer and a signature line', async () => {
    await seed(h, 'en', 'Qzxenglish');
    const pdf = await estimateAndSavePdf('Qzxenglish');
    toPng(pdf, 'print-cost-summary-en');
    expect(path.basename(pdf)).toMatch(/^estimate-\d+\.pdf$/);
    const text = pdfText(pdf);
    for (const words of [
      'Synthetic Smiles Dental (test)',
      'NPI 1234567893',
      'Your estimated cost',
      'Mrkfirst Qzxenglish',
      'Valid until',
      'Cone-beam CT, both jaws',
      'Panoramic X-ray',
      '$1,200.00',
      '$575.00',
      '$775.00',
      `eligible again ${addMonths(PANO_TAKEN_ON, 60)}`,
      'Prior authorization: Required, not yet requested',
      '••••••••4321',
      'This is an estimate, not a guarantee of payment',
      'Patient or guardian signature',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(pdfPages(pdf)).toBe(1);
    // Minimum necessary: none of these may print.
    for (const marker of ['MRK987654321', 'MRK_NOTE_7731', '1970-01-02', 'GRP-MARKER-42'])
      expect(text, marker).not.toContain(marker);
    toPng(pdf, 'print-cost-summary-en');
  });

  it('Spanish, for a patient who prefers it: the same facts in careful Spanish', async () => {
    await seed(h, 'es', 'Qzxespanol');
    const pdf = await estimateAndSavePdf('Qzxespanol');
    toPng(pdf, 'print-cost-summary-es');
    const text = pdfText(pdf);
    for (const words of [
      'Su costo estimado',
      'Paciente',
      'Válido hasta',
      'Tomografía de haz cónico, ambos maxilares',
      'Radiografía panorámica',
      'Autorización previa: Requerida, aún no solicitada',
      'no una garantía de pago',
      'Firma del paciente o tutor',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text).not.toContain('Your estimated cost');
    expect(pdfPages(pdf)).toBe(1);
    // The page footer, in Spanish too.
    expect(text).toMatch(/Cálculo de costo n\.º \d+/);
    expect(text).toContain('Página 1 de 1');
    for (const marker of ['MRK987654321', 'MRK_NOTE_7731', '1970-01-02', 'GRP-MARKER-42'])
      expect(text, marker).not.toContain(marker);
    toPng(pdf, 'print-cost-summary-es');
  });

  it('Print sends the same route to the printer', async () => {
    await h.page.getByRole('button', { name: 'Print cost summary' }).click();
    await expect.poll(() => h.printed.at(-1)).toMatch(/^print\/cost-summary\/\d+$/);
  });
});

describe('Good Faith Estimate printout', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setSyntheticOffice(h);
    await seed(h, 'en', 'Qzxselfpay');
  });
  afterAll(async () => {
    await h.close();
  });

  it('issues a GFE for a self-pay patient with every required element, and reprints it identically', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit5');
    await page.getByLabel('Patient').fill('Qzxselfpay');
    await page.getByRole('button', { name: /Qzxselfpay/ }).click();
    await page.getByLabel('Self-pay (ignore coverage on file)').check();
    await page.getByLabel('Code, line 1').fill('D0367');
    await page.getByLabel('Date of service, line 1').fill(daysFromToday(18));
    await page.getByLabel('Fee, line 1').fill('1200');
    const form = page.getByLabel('Good Faith Estimate', { exact: true });
    await expect.poll(() => form.isVisible()).toBe(true);
    await page.getByLabel('Main service, in plain words').fill('Cone-beam CT scan before implant surgery');
    await page.getByLabel('Scheduled date (empty if not scheduled)').fill(daysFromToday(18));
    await page.getByLabel('Diagnosis codes for D0367 (ICD-10-CM, comma separated)').fill('K08.409');
    await page.getByRole('button', { name: 'Issue Good Faith Estimate' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toMatch(/Issued Good Faith Estimate #\d+/);
    await h.screenshot('estimate-gfe-issued');

    const savePdf = async () => {
      const before = h.saved.length;
      await page.getByRole('button', { name: 'Save Good Faith Estimate as PDF' }).click();
      await expect.poll(() => h.saved.length, { timeout: 20_000 }).toBe(before + 1);
      return h.saved.at(-1)!;
    };
    const first = await savePdf();
    toPng(first, 'print-good-faith-estimate-en');
    expect(path.basename(first)).toMatch(/^good-faith-estimate-\d+\.pdf$/);
    const text = pdfText(first);
    for (const words of [
      'Good Faith Estimate',
      'Mrkfirst Qzxselfpay',
      'Date of birth 1970-01-02',
      'Synthetic Smiles Dental (test)',
      'NPI 1234567893',
      'TIN 12-3456789',
      '1 Example Way',
      'Primary service Cone-beam CT scan before implant surgery',
      `Scheduled for ${daysFromToday(18)}`,
      'D0367',
      'K08.409',
      '$1,200.00',
      'Total expected charges',
      '$400.00 or more above this estimate',
      'right to dispute the bill',
      'Date issued',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(pdfPages(first)).toBe(1);
    const second = await savePdf();
    expect(pdfText(second)).toBe(text);
  });
});
