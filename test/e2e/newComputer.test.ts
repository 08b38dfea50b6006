// ENC-6 on a new computer, in the real renderer: the data made elsewhere waits for the practice's
// recovery code on screen (nothing else answers meanwhile); a mistyped code or one for other data is
// refused beside the field; the right one opens the data, and the administrator is told at sign-in.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoveryCodeOf } from '../../src/main/security/dbKey';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { startHarness, type Harness } from './harness';
import { num } from '../helpers/sqlRows';

describe('opening the data on a new computer', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ newComputer: true });
  });
  afterAll(async () => {
    await h.close();
  });

  const heading = () => h.page.locator('h1').first().textContent();
  const codeField = () => h.page.getByRole('textbox', { name: /Recovery code/ });
  const submit = () => h.page.getByRole('button', { name: 'Open the data' }).click();

  it('asks for the recovery code first; nothing else answers until it is given', async () => {
    await expect.poll(heading).toBe('Open the data on this computer');
    expect(await h.page.getByRole('navigation', { name: 'Screens' }).count()).toBe(0);
    const refused = await h.page.evaluate(async () => {
      const r = await window.api.patientsSearch({ query: 'a' });
      return r.ok ? null : r.error.code;
    });
    expect(refused).toBe('locked');
    expect(() => h.db).toThrow(/not open yet/);
  });

  it('refuses a mistyped code and a code for other data, beside the field', async () => {
    const right = recoveryCodeOf(TEST_DB_KEY);
    // One character changed: the check digits catch it before any attempt to open the data.
    const typo = `${right.slice(0, 7)}${right[7] === 'A' ? 'B' : 'A'}${right.slice(8)}`;
    await codeField().fill(typo);
    await submit();
    await expect.poll(() => h.page.getByText(/The recovery code is mistyped/).isVisible()).toBe(true);
    expect(await codeField().getAttribute('aria-invalid')).toBe('true');
    await h.screenshot('session-recovery-entry-mistyped');

    await codeField().fill(recoveryCodeOf(randomBytes(32)));
    await submit();
    await expect.poll(() => h.page.getByText(/belongs to a different database/).isVisible()).toBe(true);
  });

  it('the right code (in any case, with spaces) opens the data; the administrator is told at sign-in', async () => {
    const page = h.page;
    const typed = recoveryCodeOf(TEST_DB_KEY).toLowerCase().replace(/-/g, ' ');
    await codeField().fill(typed);
    await h.screenshot('session-recovery-entry');
    await submit();
    await expect.poll(heading).toBe('Sign in');
    expect(await num(h.db, "SELECT count(*) AS n FROM audit_log WHERE action = 'emergency_access'")).toBe(1);

    await page.getByLabel('User name').fill(TEST_ADMIN.username);
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The code was just typed in, so it is not shown again; the use of it is. (Checking the password
    // is deliberately slow work; on a busy machine it takes more than the default second.)
    await expect.poll(heading, { timeout: 10_000 }).toBe('The recovery code was used');
    await page.getByRole('button', { name: 'We expected this' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
    // From now on the data opens with this computer's own key: a reload goes straight to work.
    await h.reload();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
  });
});
