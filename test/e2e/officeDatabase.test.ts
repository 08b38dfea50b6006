// Settings, Office database in the real renderer: an administrator types the server's details and tests
// the connection; a server that does not answer is said in plain words naming it, and a plain (non-TLS)
// connection to another computer is refused beside the Require TLS box before anything is sent. The
// connected outcomes (ready, empty and created, not VerifyDesk's, newer, wrong password...) are shown
// against a real server by test/db/pg/officeDatabaseCheck.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedPort } from '../helpers/closedPort';
import { TLS_ONLY_FOR_LOOPBACK } from '../../src/shared/settings/officeDatabase';
import { rows } from '../helpers/sqlRows';
import { startHarness, type Harness } from './harness';
import { openOfficeDatabaseSettings, typeLoopbackServer } from './officeDatabaseForm';

const PASSWORD = 'Office-Server-Secret-77';
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('Settings, Office database', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('an administrator tests a server that does not answer and reads why, naming it', async () => {
    const page = h.page;
    const port = await closedPort();
    await openOfficeDatabaseSettings(page);
    await expect.poll(() => page.getByRole('heading', { name: 'Office database' }).isVisible()).toBe(true);
    // Which data this computer opens, said first.
    await expect
      .poll(() => page.getByRole('region', { name: 'The data this computer uses' }).textContent())
      .toContain('This computer uses its own encrypted database.');
    expect(await page.getByLabel('Port', { exact: true }).inputValue()).toBe('5432');
    expect(await page.getByLabel(/Require TLS/).isChecked()).toBe(true);

    // This computer itself: a plain connection is allowed (Require TLS unticked).
    await typeLoopbackServer(page, {
      host: '127.0.0.1',
      port,
      database: 'verifydesk',
      user: 'desk_role',
      password: PASSWORD,
    });
    // Keyboard first: Enter in the form tests the connection.
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const result = page.getByRole('status');
    await expect
      .poll(() => result.textContent())
      .toContain(`No database server answered at 127.0.0.1:${port}`);
    expect(await result.getAttribute('data-outcome')).toBe('unreachable');
    expect(await page.getByRole('button', { name: 'Create the VerifyDesk database' }).count()).toBe(0);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await h.screenshot(`settings-office-database-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);

    // Audited: which server was checked and what was found, never the password.
    const audit = await rows<{ detail: string }>(
      h.db,
      "SELECT detail_json AS detail FROM audit_log WHERE entity = 'office_database'",
    );
    expect(audit.map((r) => JSON.parse(r.detail) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ host: '127.0.0.1', port, outcome: 'unreachable' }),
    ]);
    expect(JSON.stringify(await rows(h.db, 'SELECT * FROM audit_log'))).not.toContain(PASSWORD);
  });

  it('a server on the office network without TLS is refused beside Require TLS, and nothing is tested', async () => {
    const page = h.page;
    await page.getByLabel(/^Server/).fill('192.168.1.20');
    await page.getByLabel('Port', { exact: true }).fill('5432');
    expect(await page.getByRole('status').count()).toBe(0);
    await page.getByRole('button', { name: 'Test the connection' }).click();
    const tls = page.getByLabel(/Require TLS/);
    await expect.poll(() => tls.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await tls.getAttribute('aria-describedby'))!;
    expect(await page.locator(`#${describedBy}`).textContent()).toBe(TLS_ONLY_FOR_LOOPBACK);
    expect(await page.getByRole('status').count()).toBe(0);
    await h.screenshot('settings-office-database-tls-refused');
    // Refused before the check ran: still the one audited check from before.
    expect(await rows(h.db, "SELECT id FROM audit_log WHERE entity = 'office_database'")).toHaveLength(1);
  });
});
