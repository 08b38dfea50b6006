// Sign-in and the lock in the real renderer: a fresh install asks for the administrator, the lock (by
// key, and after idle minutes counted in main) hides everything about patients, and an open call goes
// on after unlock. The audit screen shows what happened and checks the chain.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordEmergencyAccess } from '../../src/main/audit/auditLog';
import { openDb } from '../../src/main/db/connection';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { SCREENSHOT_DIR, startHarness, type Harness } from './harness';
import { seedPrintData } from './seedPrintData';
import { startCallThroughForm } from './startCallForm';
import { num } from '../helpers/sqlRows';

describe('sign-in, lock and audit', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ signedIn: false });
  });
  afterAll(async () => {
    await h.close();
  });

  const heading = () => h.page.locator('h1').first().textContent();

  it('a fresh install asks for the administrator account, then opens the app', async () => {
    const page = h.page;
    await expect.poll(heading).toBe('Set up VerifyDesk');
    // Nothing but the setup form: no navigation, no screens.
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    expect(await h.page.evaluate(async () => (await window.api.patientsSearch({ query: 'a' })).ok)).toBe(
      false,
    );
    await page.getByLabel('Your name').fill(TEST_ADMIN.displayName);
    await page.getByLabel('User name (to sign in)').fill(TEST_ADMIN.username);
    await page.getByLabel('Password (at least 12 characters)').fill('short');
    await page.getByLabel('Password again').fill('short');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await expect.poll(() => page.getByText('Use at least 12 characters').isVisible()).toBe(true);
    await h.screenshot('session-setup');
    // The card sits in the middle of the window, not of the app's content column.
    const card = await page.locator('.session-card').boundingBox();
    const width = page.viewportSize()!.width;
    expect(Math.abs(card!.x + card!.width / 2 - width / 2)).toBeLessThan(2);
    // A message about a field goes once the field is changed.
    await page.getByLabel('Password (at least 12 characters)').fill('still short?');
    await expect.poll(() => page.getByText('Use at least 12 characters').count()).toBe(0);
    await page.getByLabel('Password (at least 12 characters)').fill(TEST_ADMIN.password);
    await page.getByLabel('Password again').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    // The recovery code comes first, once: the only way into the data on another computer.
    await expect.poll(heading).toBe('Store the recovery code');
    const code = (await page.getByLabel('The recovery code', { exact: true }).textContent()) ?? '';
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){11}[0-9A-HJKMNP-TV-Z]$/);
    expect(await page.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true);
    await h.screenshot('session-recovery-code');
    // Print puts the card alone on paper, and the code breaks only between its groups.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void (window as unknown as { printed: number }).printed++;
    });
    await page.getByRole('button', { name: 'Print the recovery code' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    const groups = page.locator('.recovery-code .code-group');
    expect(await groups.count()).toBe(12);
    for (const box of await groups.evaluateAll((els) => els.map((e) => e.getClientRects().length)))
      expect(box).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print the recovery code' }).isVisible()).toBe(false);
    await h.screenshot('session-recovery-code-print');
    await page.emulateMedia({ media: 'screen' });
    await page.getByLabel('I have stored the recovery code safely').check();
    await page.getByRole('button', { name: 'Continue' }).click();

    // Before the first printout: the office header, its NPI checked by its check digit.
    await expect.poll(heading).toBe('Set up your office');
    expect(await page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    await page.getByLabel('Practice name').fill('Synthetic Smiles Dental (test)');
    await page.getByLabel('Street address').fill('1 Example Way');
    await page.getByLabel('City, state, ZIP').fill('Testville, ST 00000');
    await page.getByLabel('Phone').fill('555-0100');
    await page.getByLabel(/NPI/).fill('1234567890');
    await page.getByLabel(/TIN/).fill('123456789');
    await page.getByRole('button', { name: 'Save and open VerifyDesk' }).click();
    await expect.poll(() => page.getByText(/This NPI fails its check digit/).isVisible()).toBe(true);
    await h.screenshot('session-office-setup');
    await page.getByLabel(/NPI/).fill('1234567893');
    await page.getByRole('button', { name: 'Save and open VerifyDesk' }).click();
    await expect.poll(heading).toBe('Code lookup');
    // Kept as main checked and wrote it: the TIN typed as nine digits gets its dash.
    const office = await page.evaluate(async () => {
      const r = await window.api.settingsGet({});
      return r.ok ? r.value.office : null;
    });
    expect(office).toMatchObject({ npi: '1234567893', tin: '12-3456789' });
    expect(await page.getByRole('navigation', { name: 'Screens' }).textContent()).toContain('Test User');
  });

  it('Ctrl+L locks: nothing about the patient stays on screen; unlock goes on with the open call', async () => {
    const page = h.page;
    await seedPrintData(h, 'en', 'Lockpatient');
    await page.keyboard.press('Alt+Digit2');
    await startCallThroughForm(page, { patient: 'Lockpatient', codes: 'D0367' });
    const question = page.getByRole('region', { name: 'Current question' });
    await page.keyboard.type('Rep Lockwood');
    await page.keyboard.press('Enter');
    await expect.poll(() => question.getAttribute('data-step')).toBe('reference_number');

    await page.keyboard.press('Control+l');
    await expect.poll(heading).toBe('VerifyDesk is locked');
    const body = (await page.locator('body').textContent()) ?? '';
    for (const marker of ['Lockpatient', 'Mrkfirst', 'Rep Lockwood', 'D0367'])
      expect(body).not.toContain(marker);
    // The lock is main's, not the screen's: the window's own calls are refused too.
    const refused = await page.evaluate(async () => {
      const r = await window.api.patientsSearch({ query: 'Lockpatient' });
      return r.ok ? 'ok' : r.error.code;
    });
    expect(refused).toBe('locked');
    await h.screenshot('session-locked');

    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByText('That user name and password do not match').isVisible())
      .toBe(true);
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await question.waitFor();
    expect(await question.getAttribute('data-step')).toBe('reference_number');
    expect(await page.getByRole('region', { name: 'Answers so far' }).textContent()).toContain(
      'Rep Lockwood',
    );
  });

  it('locks by itself after the idle minutes, decided by main’s clock', async () => {
    const page = h.page;
    h.advanceClock(10 * 60_000 + 1000);
    // The window checks in every 15 seconds; any call it makes meanwhile is refused and locks at once.
    await page.keyboard.press('Alt+Digit6');
    await expect.poll(heading, { timeout: 20_000 }).toBe('VerifyDesk is locked');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByText('That user name and password do not match').isVisible())
      .toBe(true);
    // The wrong password is the lock screen's business, not the next form's.
    await page.getByRole('button', { name: 'Sign in as someone else' }).click();
    await expect.poll(heading).toBe('Sign in');
    expect(await page.getByText('That user name and password do not match').count()).toBe(0);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByText('Enter a user name.').isVisible()).toBe(true);
    await page.getByLabel('User name').fill(TEST_ADMIN.username);
    await expect.poll(() => page.getByText('Enter a user name.').count()).toBe(0);
    await h.screenshot('session-sign-in-other');
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
  });

  it('the audit trail shows sign-in, lock, views and changes, and the chain checks out', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit7');
    await page.getByRole('button', { name: 'Audit trail' }).click();
    const audit = page.getByRole('table', { name: 'Audit trail' });
    await expect.poll(() => audit.locator('tbody tr').count()).toBeGreaterThan(5);
    const text = (await audit.textContent()) ?? '';
    for (const words of [
      'set up user account',
      'locked',
      'unlocked',
      'failed to sign in',
      'created verification call',
      'Test User',
    ])
      expect(text, words).toContain(words);
    // The call's answers are one line, naming the patient for the administrator (the trail holds ids).
    const callLine = audit.locator('tbody tr', { hasText: 'created verification call' });
    expect(await callLine.count()).toBe(1);
    expect(await callLine.textContent()).toMatch(/created verification call #\d+, changed it/);
    expect(await callLine.textContent()).toContain('Mrkfirst Lockpatient');
    expect(text).not.toContain('Rep Lockwood');
    // "Who looked at Lockpatient's record?"
    await page.getByLabel('About a patient').fill('lockpatient');
    await page.getByRole('button', { name: /Lockpatient, Mrkfirst/ }).click();
    await expect
      .poll(async () =>
        (await audit.locator('tbody tr').allTextContents()).every((r) => r.includes('Mrkfirst Lockpatient')),
      )
      .toBe(true);
    await h.screenshot('settings-audit-patient');
    await page.getByRole('button', { name: 'Any patient' }).click();
    await page.getByLabel('Did what').selectOption('lock');
    await expect
      .poll(async () => (await audit.locator('tbody tr').allTextContents()).every((r) => /locked/.test(r)))
      .toBe(true);
    await page.getByRole('button', { name: 'Check the trail' }).click();
    await expect
      .poll(() => page.getByText(/The trail is intact: \d+ entries checked\./).isVisible())
      .toBe(true);
    await h.screenshot('settings-audit');
    await page.getByRole('button', { name: 'Export as CSV' }).click();
    await expect.poll(() => h.saved.some((f) => /verifydesk-audit-\d{4}-\d\d-\d\d\.csv$/.test(f))).toBe(true);
  });

  it('Settings: a backup now, then a restore previewed and scheduled for the restart', async () => {
    const page = h.page;
    await page.keyboard.press('Alt+Digit7');
    await page.getByRole('button', { name: 'Backups' }).click();
    await expect.poll(() => page.getByText(/No backups yet/).isVisible()).toBe(true);
    await h.screenshot('settings-backups-empty');
    const panel = page.getByRole('table', { name: 'Backups' });
    // A second folder for copies, picked in the folder dialog (the harness's stands in for a USB drive).
    const copyField = page.getByLabel(/Also copy each backup to/);
    await page
      .getByRole('form', { name: 'Backup folder' })
      .getByRole('button', { name: 'Choose…' })
      .nth(1)
      .click();
    await expect.poll(() => copyField.inputValue()).toMatch(/usb-drive$/);
    await page.getByRole('button', { name: 'Save folders' }).click();
    await expect.poll(() => page.getByText('Folders saved.').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Backup made' }).textContent())
      .toMatch(/Backup made and checked: .*\. Copied to .*usb-drive and checked\./);
    await h.screenshot('settings-backups-copy');
    const copied = readdirSync(await copyField.inputValue());
    expect(copied).toHaveLength(1);
    await expect.poll(() => panel.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await panel.locator('tbody tr').first().textContent()).toContain('On request');
    await panel.getByRole('button', { name: 'Restore…' }).first().click();
    const restore = page.getByRole('region', { name: 'Restore a backup' });
    await expect.poll(() => restore.textContent()).toMatch(/It holds 1 patient, 1 call and 0 estimates/);
    expect(await restore.getByRole('button', { name: 'Restore and restart' }).isDisabled()).toBe(true);
    await restore.getByLabel('I understand').check();
    await h.screenshot('settings-backups-restore');
    await restore.getByRole('button', { name: 'Restore and restart' }).click();
    await expect.poll(() => h.restarts.length).toBe(1);
    // main has the request before the window shows its answer: wait for the message.
    await expect.poll(() => page.getByText('Restarting to restore the backup…').isVisible()).toBe(true);
  });

  it('Settings: changing the database key shows the new recovery code before anything else', async () => {
    const page = h.page;
    await h.reload();
    await page.keyboard.press('Alt+Digit7');
    await page.getByRole('button', { name: 'Database key' }).click();
    await page.getByLabel('The old recovery code should stop being the way in').check();
    await page.getByRole('button', { name: 'Change the database key' }).click();
    await expect.poll(heading, { timeout: 20_000 }).toBe('Store the recovery code');
    await page.getByLabel('I have stored the recovery code safely').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
    expect(await num(h.db, "SELECT count(*) AS n FROM audit_log WHERE entity = 'database_key'")).toBe(1);
  });

  it('after the recovery code opened the data, the next administrator is told before anything else', async () => {
    const page = h.page;
    await recordEmergencyAccess(h.db, h.now);
    await h.reload();
    await expect.poll(heading).toBe('The recovery code was used');
    await h.screenshot('session-emergency-access');
    await page.getByRole('button', { name: 'Change the database key' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Database key' }).isVisible()).toBe(true);
    expect(
      await num(
        h.db,
        "SELECT count(*) AS n FROM audit_log WHERE action = 'change' AND entity = 'emergency_access'",
      ),
    ).toBe(1);
    // Told once: the next sign-in goes straight to work.
    await h.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
  });

  it('a trail cut short by someone holding the database key: "Check the trail" says so, in red', async () => {
    const page = h.page;
    // With the file and its key, outside VerifyDesk: the guards dropped and the last entries removed.
    const raw = openDb(h.paths.dbPath, h.keys().current());
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) - 3 FROM audit_log)').run();
    raw.close();
    await page.keyboard.press('Alt+Digit7');
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Audit trail' })
      .click();
    await page.getByRole('button', { name: 'Check the trail' }).click();
    const finding = page.getByRole('status').filter({ hasText: 'The trail was altered or cut short.' });
    await expect.poll(() => finding.textContent()).toMatch(/entries were removed from its end\./);
    expect(await finding.getAttribute('class')).toBe('alarm');
    await h.page
      .locator('.panel', { has: page.getByRole('heading', { name: 'Audit trail' }) })
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'settings-audit-cut-short.png') });
  });

  it('nothing about a patient reached the console, main’s error log, or any file but the encrypted ones', () => {
    const markers = ['Lockpatient', 'Mrkfirst', 'MRK987654321', 'Rep Lockwood'];
    const logs = [...h.consoleMessages, ...h.mainErrors].join('\n');
    for (const marker of markers) expect(logs).not.toContain(marker);
    // ENC-9: the database, its WAL and shared memory, backups and the key file hold no marker in their
    // bytes (exports go only where a person saves them, and are not scanned).
    const dataDir = path.dirname(h.paths.dbPath);
    const files = [
      ...readdirSync(dataDir).map((f) => path.join(dataDir, f)),
      ...readdirSync(h.paths.backupDir).map((f) => path.join(h.paths.backupDir, f)),
    ].filter((f) => statSync(f).isFile());
    expect(files.some((f) => f.endsWith('-wal'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const marker of markers)
        expect(bytes.includes(Buffer.from(marker)), `${file}: ${marker}`).toBe(false);
    }
  });
});
