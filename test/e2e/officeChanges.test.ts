// The PA worklist following another desk, in the browser (issue 18, item 3): a coordinator has a PA
// item open and is typing; another desk submits that item; main's push arrives (delivered here as the
// preload delivers it: this harness's data is one SQLite file, whose own feed is silent; the server's
// feed and its wiring to the window have their own tests, test/db/pg/officeChanges.test.ts and
// test/unit/security/bootstrap.test.ts). The row shows the other desk's change, the form keeps what was
// typed and says why its save will be refused; the save is refused naming the other desk; opened
// again, the form shows what is on file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completedCall } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { paPatch } from '../helpers/priorAuthPatch';
import { testServices } from '../helpers/services';
import { daysFromToday } from '../helpers/testClock';
import { startHarness, type Harness } from './harness';

describe('the PA worklist follows another desk', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the other desk’s change, keeps what is being typed, and refuses to overwrite it', async () => {
    // "Desk Two": the same services main runs, acting as someone else.
    const deskTwo = testServices(h.db, () => h.now(), { actor: () => 'Dana at desk two' });
    const plan = await deskTwo.policies.savePlan(
      null,
      planInput((await deskTwo.policies.savePayer(null, payerInput())).id),
    );
    const patient = await deskTwo.patients.save(null, patientInput({ firstName: 'Ona', lastName: 'Follow' }));
    await completedCall(deskTwo.calls, patient.id, plan.id);

    const page = h.page;
    await page.keyboard.press('Alt+Digit6');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Records');
    const row = page
      .getByRole('table', { name: 'Prior authorization worklist' })
      .locator('tbody tr')
      .filter({ hasText: 'Ona Follow' });
    await expect.poll(() => row.textContent()).toContain('To submit');
    await row.getByRole('button', { name: 'Update' }).click();
    const form = page.getByRole('form', { name: 'Prior authorization for D0367' });
    await form.getByLabel('Authorization number').fill('AUTH-4410');

    // Meanwhile desk two submits the same item, and main tells this window.
    const [item] = (await deskTwo.priorAuths.worklist()).filter((p) => p.patientName === 'Ona Follow');
    await deskTwo.priorAuths.update(
      item!.id,
      paPatch(item!, { status: 'submitted', method: 'Fax', submittedOn: daysFromToday(0) }),
      item!.version,
    );
    await h.pushOfficeChange({ topics: ['priorAuths', 'todos'] });

    await expect.poll(() => row.textContent()).toContain('Submitted');
    await expect
      .poll(() => form.getByRole('status').textContent())
      .toMatch(/^Changed at another desk on .+, after you opened it/);
    // The item's history says who moved it on.
    await expect
      .poll(() => form.getByRole('region', { name: 'History' }).textContent())
      .toMatch(/Dana at desk two · Submitted/);
    expect(await form.getByLabel('Authorization number').inputValue()).toBe('AUTH-4410');
    expect(await form.getByLabel('Status').inputValue()).toBe('to_submit');
    await page.setViewportSize({ width: 1366, height: 768 });
    await form.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-output/e2e/pa-changed-elsewhere-1366.png' });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: 'test-output/e2e/pa-changed-elsewhere-1920.png' });
    await page.setViewportSize({ width: 1366, height: 768 });

    // Saving would overwrite desk two's change: refused, naming who changed it; nothing of it is lost.
    await form.getByRole('button', { name: 'Save prior authorization' }).click();
    await expect
      .poll(() => form.textContent())
      .toContain('Dana at desk two changed this prior authorization');
    const onFile = (await deskTwo.priorAuths.worklist()).find((p) => p.id === item!.id)!;
    expect(onFile).toMatchObject({ status: 'submitted', method: 'Fax', authNumber: null });

    // Opened again, the form shows what is on file and no warning.
    await form.getByRole('button', { name: 'Cancel' }).click();
    await row.getByRole('button', { name: 'Update' }).click();
    expect(await form.getByLabel('Status').inputValue()).toBe('submitted');
    expect(await form.getByRole('status').count()).toBe(0);
  });
});
