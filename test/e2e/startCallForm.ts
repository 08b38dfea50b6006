// The start-a-call form filled by keyboard and mouse as the desk does it: pick the patient, planned
// codes, date of service, the number dialled; then wait for the first question.
import type { Page } from 'playwright-core';
import { daysFromToday } from '../helpers/testClock';
import { formatDate } from '../../src/shared/dates/typedDate';

/** The date of service the form is given: an appointment 18 days ahead of the tests' day. */
export const CALL_SERVICE_DATE = daysFromToday(18);

export async function startCallThroughForm(
  page: Page,
  options: { patient: string; codes: string; dialed?: string },
): Promise<void> {
  await page.getByLabel('Patient').fill(options.patient);
  await page
    .getByRole('button', { name: new RegExp(options.patient) })
    .first()
    .click();
  await page.getByLabel('Planned codes').fill(options.codes);
  await page.getByLabel('Date of service').fill(formatDate(CALL_SERVICE_DATE));
  if (options.dialed) await page.getByLabel('Number dialled').fill(options.dialed);
  await page.getByRole('button', { name: 'Start the call' }).click();
  await page.getByRole('region', { name: 'Current question' }).waitFor();
}
