// Settings, Office database, as an administrator reaches and fills it in the browser journeys.
import type { Page } from 'playwright-core';

/** Alt+7, then the Office database section. */
export async function openOfficeDatabaseSettings(page: Page): Promise<void> {
  await page.keyboard.press('Alt+Digit7');
  await page
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('button', { name: 'Office database' })
    .click();
}

/** Types a server on this computer (so Require TLS is unticked); the test submits as it means to. */
export async function typeLoopbackServer(
  page: Page,
  server: { host: string; port: number; database: string; user: string; password: string },
): Promise<void> {
  await page.getByLabel(/^Server/).fill(server.host);
  await page.getByLabel('Port', { exact: true }).fill(String(server.port));
  await page.getByLabel('Database', { exact: true }).fill(server.database);
  await page.getByLabel('User', { exact: true }).fill(server.user);
  await page.getByLabel('Password', { exact: true }).fill(server.password);
  await page.getByLabel(/Require TLS/).uncheck();
}
