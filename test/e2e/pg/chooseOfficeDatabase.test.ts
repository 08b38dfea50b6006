// On the office database (e2e-pg: the harness's desk already uses one, chosen as in Settings): an
// administrator sees which database this computer uses and its office key, then points the computer at
// a new, empty database: tests it, creates the VerifyDesk tables, chooses it, reads the office key for
// the next computer, restarts, and meets the first-start setup of the new office database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../helpers/sqlRows';
import { testOfficeSettings, testPgAdmin, dropTestPgDatabase } from '../../helpers/testEngine';
import { startHarness, type Harness } from '../harness';
import { openOfficeDatabaseSettings, typeLoopbackServer } from '../officeDatabaseForm';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('Settings, Office database: choosing one (on the office database)', () => {
  let h: Harness;
  const fresh = `vd_fresh_${process.pid}`;
  beforeAll(async () => {
    h = await startHarness();
    const admin = await testPgAdmin();
    await admin.query(`DROP DATABASE IF EXISTS ${fresh}`);
    await admin.query(`CREATE DATABASE ${fresh}`);
  });
  afterAll(async () => {
    await h.close();
    await dropTestPgDatabase(fresh);
  });

  it('shows the database in use and its key, then creates, chooses and restarts onto a new one', async () => {
    const page = h.page;
    await openOfficeDatabaseSettings(page);
    const current = page.getByRole('region', { name: 'The data this computer uses' });
    await expect
      .poll(() => current.textContent())
      .toMatch(/This computer uses the office database vd_\w+ on 127\.0\.0\.1:\d+/);
    expect(await current.textContent()).toContain('by Test User');
    await current.getByRole('button', { name: 'Show the office key' }).click();
    await expect
      .poll(() => page.getByLabel('The office key').textContent())
      .toMatch(/^([0-9A-Z]{5}-){11}[0-9A-Z]$/);

    // A new, empty database on the same server.
    const settings = testOfficeSettings(fresh);
    await typeLoopbackServer(page, settings);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    const outcome = page.locator('[data-outcome]');
    await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('empty');
    await page.getByRole('button', { name: 'Create the VerifyDesk database' }).click();
    await expect.poll(() => outcome.getAttribute('data-outcome')).toBe('ready');

    // Chosen: a new office database has no trail yet, so no key is typed; this computer makes it.
    await page.getByRole('button', { name: 'Use this office database on this computer' }).click();
    const used = page.locator('.officedb-used');
    await expect
      .poll(() => used.textContent())
      .toContain(`From its next start, this computer opens the office database ${fresh}`);
    const officeKey = (await used.getByLabel('The office key').textContent())!;
    expect(officeKey).toMatch(/^([0-9A-Z]{5}-){11}[0-9A-Z]$/);
    // Until the restart, this window still shows the database it opened, and says so.
    await expect
      .poll(() => current.textContent())
      .toContain(`From its next start, this computer opens the office database ${fresh}`);
    expect(await current.textContent()).toMatch(
      /Until then this window shows the office database vd_\w+ on 127\.0\.0\.1/,
    );
    // One way to restart, beside the answer (not a second one up top).
    expect(await page.getByRole('button', { name: 'Restart VerifyDesk now' }).count()).toBe(1);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await h.screenshot(`settings-office-database-chosen-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    // Audited on the database in use now: which server, never the password or the key.
    const audit = await rows<{ detail: string }>(
      h.db,
      "SELECT detail_json AS detail FROM audit_log WHERE entity = 'office_database' ORDER BY id",
    );
    expect(audit.map((r) => JSON.parse(r.detail).channel)).toEqual([
      'officedb:key',
      'officedb:check',
      'officedb:create',
      'officedb:use',
    ]);
    const everything = JSON.stringify(await rows(h.db, 'SELECT * FROM audit_log'));
    expect(everything).not.toContain(settings.password);
    expect(everything).not.toContain(officeKey);

    await used.getByRole('button', { name: 'Restart VerifyDesk now' }).click();
    await expect.poll(() => h.restarts.length).toBe(1);
    await h.restartApp();
    // The new office database has no users yet: its first administrator is set up here.
    await expect
      .poll(() => page.getByRole('button', { name: 'Create the administrator' }).isVisible())
      .toBe(true);
    expect(h.db.where).toContain(fresh);
  });
});
