// A restore asked for in Settings whose backup is gone by the next start (the USB drive it was on is
// unplugged): VerifyDesk starts anyway with the data as it was, and the administrator reads why in
// Settings, Backups, instead of an error dialog at every start.
import { renameSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { startHarness, type Harness } from './harness';
import { row } from '../helpers/sqlRows';

describe('a scheduled restore whose backup is gone', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('starts with the data as it was and tells the administrator why', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit7');
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Backups' })
      .click();
    await page.getByRole('button', { name: 'Back up now' }).click();
    const panel = page.getByRole('table', { name: 'Backups' });
    await expect.poll(() => panel.locator('tbody tr').count()).toBe(1);
    await panel.getByRole('button', { name: 'Restore…' }).first().click();
    const restore = page.getByRole('region', { name: 'Restore a backup' });
    await restore.getByLabel('I understand').check();
    await restore.getByRole('button', { name: 'Restore and restart' }).click();
    await expect.poll(() => h.restarts.length).toBe(1);

    // The drive is unplugged before the restart.
    const backups = (await row<{ d: string }>(
      h.db,
      "SELECT detail_json AS d FROM audit_log WHERE action = 'restore_requested'",
    ))!;
    const file = path.join(h.paths.backupDir, (JSON.parse(backups.d) as { file: string }).file);
    renameSync(file, `${file}.unplugged`);
    await h.restartApp();

    await expect.poll(() => page.locator('h1').first().textContent()).toBe('Sign in');
    await page.getByLabel('User name').fill(TEST_ADMIN.username);
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
    // Told on arrival in Settings, whichever section opens first.
    await page.keyboard.press('Alt+Digit7');
    const alert = page.getByRole('alert').filter({ hasText: 'The restore asked for did not run' });
    await expect
      .poll(() => alert.textContent())
      .toMatch(
        /The restore asked for did not run, and the data is as it was: the backup .* is not there \(if it is on a USB drive, plug it in\)\. Choose a backup again in Settings, Backups\./,
      );
    const sections = page.getByRole('navigation', { name: 'Settings sections' });
    expect(await sections.locator('[aria-current="page"]').textContent()).toBe('Office header');
    await h.screenshot('settings-restore-missing-on-arrival');
    // The way to the section that deals with it, where the same finding stands beside the backups.
    await alert.getByRole('button', { name: 'Open Backups' }).click();
    await expect.poll(() => sections.locator('[aria-current="page"]').textContent()).toBe('Backups');
    await expect.poll(() => alert.textContent()).toMatch(/The restore asked for did not run/);
    await alert.scrollIntoViewIfNeeded();
    await h.screenshot('settings-backups-restore-missing');
  });
});
