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
import { formatDate } from '../../src/shared/dates/typedDate';

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
    const firstEstimate = (await page.getByLabel('Fee, line 1').inputValue()) === '';
    await page.getByLabel('Code, line 1').fill('D0367');
    if (firstEstimate) {
      // No office fee schedule: the line says what to do, as a hint, not an error, before the fee is typed.
      await expect
        .poll(() => page.locator('.line-hint').first().textContent())
        .toBe('No office fee on file for D0367: type the fee.');
      expect(await page.locator('.lines-editor .field-error').count()).toBe(0);
    }
    await page.getByLabel('Date of service, line 1').fill(formatDate(daysFromToday(18)));
    await page.getByLabel('Fee, line 1').fill('1200');
    if ((await page.getByLabel('Code, line 2').count()) === 0)
      await page.getByRole('button', { name: '+ Add a code' }).click();
    await page.getByLabel('Code, line 2').fill('D0330');
    await page.getByLabel('Date of service, line 2').fill(formatDate(daysFromToday(18)));
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

  it('English: the amount first, what the pending prior authorization means, why, in plain words', async () => {
    await seed(h, 'en', 'Qzxenglish');
    const pdf = await estimateAndSavePdf('Qzxenglish');
    toPng(pdf, 'print-cost-summary-en');
    expect(path.basename(pdf)).toMatch(/^estimate-\d+\.pdf$/);
    const text = pdfText(pdf);
    for (const words of [
      'Synthetic Smiles Dental (test)',
      'Phone 555-0100',
      'Your estimated cost',
      'Mrkfirst Qzxenglish',
      `Valid until ${formatDate(daysFromToday(30))}`,
      // The headline: what the patient will likely pay, before any table.
      'You will likely pay $775.00 for the 2 imaging services planned for',
      'Your insurance is expected to pay $575.00 of it',
      'The amount above assumes your insurance approves it.',
      'Your insurance must approve this first',
      'Cone-beam CT, both jaws. Your insurance needs to approve this service before your visit',
      'If they say no, your insurance will not pay for it',
      'including the full fee of $1,200.00',
      'Panoramic X-ray',
      `It would pay again from ${formatDate(addMonths(PANO_TAKEN_ON, 60))}`,
      'Includes $50.00 of your deductible',
      'Prior authorization: Required, not yet requested',
      '••••••••4321',
      'This is an estimate, not a guarantee of payment',
      'Questions? Call us at 555-0100.',
      'Patient or guardian signature',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text.indexOf('You will likely pay')).toBeLessThan(text.indexOf('What each service costs'));
    expect(pdfPages(pdf)).toBe(1);
    // Desk words and empty columns do not reach the patient: an in-network plan with no discount here.
    for (const words of [
      'To be confirmed',
      "Plan's fee not known",
      'Maximum left not known',
      'Discount from your plan',
      'Dental office',
    ])
      expect(text, words).not.toContain(words);
    // Minimum necessary: none of these may print (the office's billing identifiers are not for the patient).
    for (const marker of [
      'MRK987654321',
      'MRK_NOTE_7731',
      '1970-01-02',
      '01/02/1970',
      '02/01/1970',
      'GRP-MARKER-42',
      'NPI',
      '12-3456789',
    ])
      expect(text, marker).not.toContain(marker);
    toPng(pdf, 'print-cost-summary-en');
  });

  it('Spanish, for a patient who prefers it: the same facts in careful Spanish, dates day first', async () => {
    await seed(h, 'es', 'Qzxespanol');
    const pdf = await estimateAndSavePdf('Qzxespanol');
    toPng(pdf, 'print-cost-summary-es');
    const text = pdfText(pdf);
    for (const words of [
      'Teléfono 555-0100',
      'Su costo estimado',
      'Paciente',
      `Válido hasta ${formatDate(daysFromToday(30), 'es')}`,
      'Lo más probable es que usted pague $775.00 por los 2 servicios de imágenes planeados para el',
      'Su seguro primero debe aprobarlo',
      'Tomografía de haz cónico, ambos maxilares. Su seguro tiene que aprobar este servicio antes de su cita',
      'Radiografía panorámica',
      `Lo volvería a pagar a partir del ${formatDate(addMonths(PANO_TAKEN_ON, 60), 'es')}`,
      'Autorización previa: Requerida, aún no solicitada',
      'no una garantía de pago',
      '¿Preguntas? Llámenos al 555-0100.',
      'Firma del paciente o tutor',
    ]) {
      expect(text, words).toContain(words);
    }
    for (const words of ['Your estimated cost', 'Phone', 'Dental office', 'Por confirmar'])
      expect(text, words).not.toContain(words);
    expect(pdfPages(pdf)).toBe(1);
    // The page footer, in Spanish too.
    expect(text).toMatch(/Cálculo de costo n\.º \d+/);
    expect(text).toContain('Página 1 de 1');
    for (const marker of [
      'MRK987654321',
      'MRK_NOTE_7731',
      '1970-01-02',
      '01/02/1970',
      '02/01/1970',
      'GRP-MARKER-42',
    ])
      expect(text, marker).not.toContain(marker);
    toPng(pdf, 'print-cost-summary-es');
  });

  it('Print sends the same route to the printer; another patient starts without the last message', async () => {
    await h.page.getByRole('button', { name: 'Print cost summary' }).click();
    await expect.poll(() => h.printed.at(-1)).toMatch(/^print\/cost-summary\/\d+$/);
    await h.page.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => h.page.getByText(/PDF saved to/).isVisible()).toBe(true);
    await h.page.getByRole('button', { name: 'Change patient' }).click();
    expect(await h.page.getByText(/PDF saved to/).count()).toBe(0);
    expect(await h.page.getByText(/Saved as estimate/).count()).toBe(0);
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
    await page.getByLabel('Date of service, line 1').fill(formatDate(daysFromToday(18)));
    await page.getByLabel('Fee, line 1').fill('1200');
    const form = page.getByLabel('Good Faith Estimate', { exact: true });
    await expect.poll(() => form.isVisible()).toBe(true);
    await page.getByLabel('Main service, in plain words').fill('Cone-beam CT scan before implant surgery');
    await page.getByLabel('Scheduled date (empty if not scheduled)').fill(formatDate(daysFromToday(18)));
    await page.getByLabel('Diagnosis codes for D0367 (ICD-10-CM, comma separated)').fill('K08.409');
    // A look at another screen loses nothing that was typed.
    await page.keyboard.press('Alt+Digit1');
    await page.keyboard.press('Alt+Digit5');
    await expect
      .poll(() => page.getByLabel('Main service, in plain words').inputValue())
      .toBe('Cone-beam CT scan before implant surgery');
    expect(await page.getByLabel('Diagnosis codes for D0367 (ICD-10-CM, comma separated)').inputValue()).toBe(
      'K08.409',
    );
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
      'Date of birth 01/02/1970',
      'Synthetic Smiles Dental (test)',
      'NPI 1234567893',
      'TIN 12-3456789',
      '1 Example Way',
      'Primary service Cone-beam CT scan before implant surgery',
      `Scheduled for ${formatDate(daysFromToday(18))}`,
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

  it('in Spanish for a patient who prefers it: the same required elements, dates day first', async () => {
    const patientId = await seed(h, 'es', 'Qzxautopago');
    const gfeId = await h.page.evaluate(
      async ({ id, date }) => {
        const r = await window.api.gfeIssue({
          patientId: id,
          primaryService: 'Tomografía antes de la cirugía de implante',
          scheduledDate: date,
          items: [{ code: 'D0367', diagnosisCodes: ['K08.409'], feeCents: 120_000 }],
        });
        if (!r.ok) throw new Error(r.error.message);
        return r.value.id;
      },
      { id: patientId, date: daysFromToday(18) },
    );
    const before = h.saved.length;
    await h.page.evaluate((id) => window.api.printGoodFaithEstimatePdf({ id }), gfeId);
    await expect.poll(() => h.saved.length).toBe(before + 1);
    const pdf = h.saved.at(-1)!;
    toPng(pdf, 'print-good-faith-estimate-es');
    const text = pdfText(pdf);
    for (const words of [
      'Estimación de buena fe',
      'Fecha de nacimiento 02/01/1970',
      `Programado para ${formatDate(daysFromToday(18), 'es')}`,
      'Tomografía de haz cónico, ambos maxilares',
      // The diagnosis in words beside its code (ICD-10-CM's official title).
      'K08.409 Partial loss of teeth',
      'Total de cargos previstos',
      '$400.00 o más',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(pdfPages(pdf)).toBe(1);
  });
});
