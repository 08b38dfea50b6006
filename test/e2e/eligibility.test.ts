// Eligibility files in the browser, from the file to the call: a 271 dropped on the window and a batch
// chosen on the Patients screen are reviewed (what matched, what differs, what did not, bad files with
// their reason); nothing is recorded before a person ticks members and presses Record; then a call for
// Jane starts with the file's answers on screen as known, "from the eligibility file of <date>", and the
// caller confirms them with Enter. The same call for a patient whose plan has no file asks from scratch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src/shared/dates/typedDate';
import { asFile, familyFile, janeFile, seedOffice } from '../helpers/eligibilityFixtures';
import { testServices } from '../helpers/services';
import { daysFromToday, TEST_TODAY } from '../helpers/testClock';
import { startHarness, type Harness } from './harness';
import { startCallThroughForm } from './startCallForm';
import { num, rows } from '../helpers/sqlRows';

const observations = (h: Harness) =>
  num(h.db, "SELECT count(*) AS n FROM observations WHERE source = 'eligibility_file'");

describe('an eligibility file, from the drop to the call', () => {
  let h: Harness;
  let office: Awaited<ReturnType<typeof seedOffice>>;
  beforeAll(async () => {
    h = await startHarness();
    const s = testServices(h.db, () => h.now());
    office = await seedOffice(s);
    // A second, identical office record on a plan no file speaks for: the call without the file.
    const payer = await s.policies.savePayer(null, {
      name: 'Fictional Baseline Dental (test)',
      electronicPayerId: '12345',
      phoneBenefits: '555-0101',
      phonePriorAuth: null,
      phoneMedical: null,
      phoneProviderServices: null,
      portalUrl: null,
      fax: null,
      claimsAddress: null,
      notes: null,
      sendsInvertedCoinsurance: 'unknown',
    });
    const plan = await s.policies.savePlan(null, {
      payerId: payer.id,
      name: 'Baseline PPO',
      groupNumber: 'GRP-BASE-1',
      employerName: null,
      planType: 'ppo',
      notes: null,
    });
    const bea = await s.patients.save(null, {
      firstName: 'Bea',
      lastName: 'Baseline',
      dob: '1980-01-01',
      preferredLanguage: 'en',
      phone: null,
    });
    await s.patients.saveCoverage(null, {
      patientId: bea.id,
      planId: plan.id,
      ordinal: 1,
      memberId: 'BASE000111',
      subscriberName: 'Bea Baseline',
      subscriberDob: '1980-01-01',
      relationship: 'self',
      effectiveDate: null,
      terminationDate: null,
      maxUsedCents: null,
      maxUsedStatedOn: null,
      deductibleMetCents: null,
      deductibleMetStatedOn: null,
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const dialog = () => h.page.getByRole('dialog', { name: 'Eligibility files (271)' });
  const question = () => h.page.getByRole('region', { name: 'Current question' });

  const onFileList = () => h.page.getByRole('region', { name: 'Plan answers on file' });

  /**
   * Answers from the keyboard to the finish form: `keys` by question, Enter for what is on file (the
   * plan's answers on file come as one list, confirmed with one Enter; each item counts as a question
   * confirmed), Y or 1 otherwise. `atList` runs when the list is on screen, before it is confirmed.
   */
  async function answerByKeyboard(keys: Record<string, string>, atList?: () => Promise<void>) {
    const page = h.page;
    const tally = { asked: 0, confirmable: 0, steps: [] as string[] };
    for (let guard = 0; guard < 120; guard++) {
      if (await onFileList().isVisible()) {
        const listed = await onFileList()
          .locator('li[data-key]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!));
        tally.asked += listed.length;
        tally.confirmable += listed.length;
        tally.steps.push(...listed);
        if (atList) await atList();
        await page.keyboard.press('Enter');
        await onFileList().waitFor({ state: 'hidden' });
        continue;
      }
      if (!(await question().isVisible())) break;
      const q = question();
      const step = (await q.getAttribute('data-step'))!;
      const type = (await q.getAttribute('data-type'))!;
      const key = await q.getAttribute('data-key');
      const confirmable = (await q.getAttribute('data-known')) === 'confirm';
      tally.asked++;
      if (confirmable) {
        tally.confirmable++;
        tally.steps.push(key!);
      }
      const planned = keys[step];
      if (planned !== undefined && type !== 'yes_no_unknown' && type !== 'choice') {
        await page.keyboard.type(planned);
        await page.keyboard.press('Enter');
      } else if (planned !== undefined) await page.keyboard.press(planned);
      else if (confirmable) await page.keyboard.press('Enter');
      else await page.keyboard.press(type === 'yes_no_unknown' ? 'y' : type === 'choice' ? '1' : 'Enter');
      await expect
        .poll(async () =>
          (await onFileList().isVisible())
            ? 'list'
            : (await question().isVisible())
              ? await question().getAttribute('data-key')
              : 'finished',
        )
        .not.toBe(key);
    }
    return tally;
  }

  it('reviews, records what a person confirms, and the call starts from it', async () => {
    const page = h.page;
    await page.setViewportSize({ width: 1366, height: 768 });

    // Jane's file dropped on the window (on the Lookup screen: any screen takes a drop).
    await page.evaluate(
      ({ name, text }) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, { type: 'text/plain' }));
        window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
        window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
      },
      { name: 'jane-271.x12', text: janeFile() },
    );
    await dialog().waitFor();
    const jane = dialog().getByRole('region', { name: 'jane-271.x12' });
    await expect.poll(() => jane.textContent()).toContain('1 matched, 0 with a difference, 0 not matched');
    expect(await dialog().getByRole('checkbox', { name: 'Record JANE TESTPATIENT' }).isChecked()).toBe(true);
    await h.screenshot('eligibility-review-jane-1366');

    // A batch, a 270 sent by mistake and a 20 MB file, chosen on the Patients screen.
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    await page.keyboard.press('Alt+Digit4');
    await page.getByRole('button', { name: 'Eligibility files (271)…' }).waitFor();
    await h.screenshot('eligibility-patients-button-1366');
    await page.getByRole('button', { name: 'Eligibility files (271)…' }).click();
    await dialog().waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Choose files…');
    const request270 = janeFile().replace('GS*HB*', 'GS*HS*').replace('ST*271*', 'ST*270*');
    await dialog()
      .getByLabel('Eligibility files')
      .setInputFiles([
        { name: 'batch-271.txt', mimeType: 'text/plain', buffer: Buffer.from(familyFile()) },
        { name: 'request-270.txt', mimeType: 'text/plain', buffer: Buffer.from(request270) },
        { name: 'huge-271.txt', mimeType: 'text/plain', buffer: Buffer.alloc(20 * 1024 * 1024, 'A') },
      ]);
    const batch = dialog().getByRole('region', { name: 'batch-271.txt' });
    await batch.waitFor();
    expect(await batch.textContent()).toContain('6 members: 1 matched, 3 with a difference, 2 not matched.');
    for (const words of [
      'Terminated: the payer says the coverage is not active',
      'Name: the file says KIMBERLEY SPELLING; on file Kimberly Spelling.',
      'Group number: the file says GRP-OTHER-1; the plan on file has GRP-TEST-42.',
      'No patient on file has member ID SYN000222.',
      'The payer says: Subscriber not found (75): correct the request and send it again.',
    ])
      expect(await batch.textContent(), words).toContain(words);
    expect(await dialog().getByRole('region', { name: 'request-270.txt' }).textContent()).toContain(
      'This is an eligibility request (270): what the office sent to the payer, not the payer’s answer.',
    );
    expect(await dialog().getByRole('region', { name: 'huge-271.txt' }).textContent()).toContain(
      'huge-271.txt is 20.0 MB; an eligibility file is at most 5 MB.',
    );
    // Differing members start unticked; a member that did not match has no box at all.
    expect(await dialog().getByRole('checkbox', { name: 'Record TEO SYNTHMOTHER' }).isChecked()).toBe(false);
    expect(await dialog().getByRole('checkbox', { name: 'Record OMAR NOTONFILE' }).count()).toBe(0);
    await batch.scrollIntoViewIfNeeded();
    await h.screenshot('eligibility-review-batch-1366');
    await dialog().getByRole('region', { name: 'huge-271.txt' }).scrollIntoViewIfNeeded();
    await h.screenshot('eligibility-review-bad-files-1366');
    // Nothing is recorded by looking.
    expect(await observations(h)).toBe(0);

    // What the file says about Jane, line by line, beside what is on file.
    await jane.getByText('What the file says').click();
    const table = jane.locator('table');
    await table.waitFor();
    for (const words of [
      'Annual maximum: $1,500.00',
      'Maximum left: $1,200.00',
      'Coverage by category: Diagnostic 80%, Major 50%, Oral surgery 80%',
      'D0367 Prior auth: Required',
      'D0330 Earlier service:',
      'Another plan is reported as the primary payer',
    ])
      expect(await table.textContent(), words).toContain(words);
    await jane.scrollIntoViewIfNeeded();
    await h.screenshot('eligibility-review-jane-details-1366');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await h.screenshot('eligibility-review-1920');
    await page.setViewportSize({ width: 1366, height: 768 });

    // Jane and Rosa matched and start ticked; tick Teo too (his plan ended: worth recording), then record.
    expect(await dialog().getByRole('checkbox', { name: 'Record ROSA SYNTHMOTHER' }).isChecked()).toBe(true);
    await dialog().getByRole('checkbox', { name: 'Record TEO SYNTHMOTHER' }).check();
    await dialog().getByRole('button', { name: 'Record 3 members' }).click();
    await expect
      .poll(() => dialog().getByRole('status').first().textContent())
      .toBe(
        'Recorded 26 answers from 2 files for Jane Testpatient, Rosa Synthmother, Teo Synthmother. The next call on these plans starts from them.',
      );
    expect(await observations(h)).toBe(26);
    await h.screenshot('eligibility-recorded-1366');
    await page.keyboard.press('Escape');

    // The call for Jane starts with the file's answers known; the caller confirms them with Enter.
    await page.keyboard.press('Alt+Digit2');
    await startCallThroughForm(page, { patient: 'Testpatient', codes: 'D0367, D0330' });
    // The plan's maximum was said by both files; the batch (recorded after Jane's file) is the newest.
    const source = `from the eligibility file of ${formatDate(daysFromToday(-1))} (SYNTHETIC DENTAL PLAN (TEST ONLY), trace SYNTH-TRACE-0101, received ${formatDate(TEST_TODAY)})`;
    const seen: Record<string, string> = {};
    const withFile = await answerByKeyboard(
      { rep_name: 'Rep Synthetic', reference_number: 'SYN-REF-1', frequency_used: 'n' },
      async () => {
        // The file's plan answers are read to the rep as one list, each with where it came from.
        seen.annualMax = (await onFileList().locator('li[data-key="annual_max"]').getAttribute('title'))!;
        await h.screenshot('eligibility-call-on-file-list-1366');
      },
    );
    expect(seen.annualMax).toContain(`On file: $1,500.00 (${source})`);
    await page
      .getByRole('form', { name: 'Finish the call' })
      .getByRole('button', { name: 'Complete the call' })
      .click();
    await page.getByRole('region', { name: 'Call result' }).waitFor();

    // The same call for Bea, whose plan has no file.
    await page.getByRole('button', { name: /Start another call/ }).click();
    await startCallThroughForm(page, { patient: 'Baseline', codes: 'D0367, D0330' });
    const without = await answerByKeyboard({
      rep_name: 'Rep Synthetic',
      reference_number: 'SYN-REF-2',
      frequency_used: 'n',
    });

    console.log(
      `questions answered from scratch: without the file ${without.asked - without.confirmable} of ${without.asked}; with the file ${withFile.asked - withFile.confirmable} of ${withFile.asked} (${withFile.confirmable} confirmed with Enter: ${withFile.steps.join(' ')})`,
    );
    expect(without.asked).toBe(withFile.asked);
    expect(without.confirmable).toBe(0);
    expect(withFile.confirmable).toBe(15);
    expect(withFile.steps).toEqual(
      expect.arrayContaining([
        'annual_max',
        'max_remaining',
        'deductible_met',
        'prior_auth@D0367',
        'last_service_date@D0330',
      ]),
    );
  });

  it('the file is kept, and importing it again is refused', async () => {
    const again = await h.page.evaluate(
      async (file) => {
        const r = await window.api.eligibilityPreview({ files: [file] });
        return r.ok ? r.value.files[0]!.alreadyImported : r.error.message;
      },
      asFile('jane-271.x12', janeFile()),
    );
    expect(again).toBe(`Imported ${formatDate(TEST_TODAY)} by Test User: importing it again adds nothing.`);
    expect(await num(h.db, 'SELECT count(*) AS n FROM eligibility_files')).toBe(2);
    // The audit trail has each look at the files and the one import, with field names only.
    const audit = await rows<{ action: string; detail: string }>(
      h.db,
      "SELECT action, detail_json AS detail FROM audit_log WHERE entity = 'eligibility_file' ORDER BY id",
    );
    expect(audit.filter((a) => a.action === 'import')).toEqual([
      {
        action: 'import',
        detail: JSON.stringify({ channel: 'eligibility:import', fields: ['files', 'confirm'] }),
      },
    ]);
    expect(audit.filter((a) => a.action === 'view').length).toBeGreaterThanOrEqual(3);
    expect(audit.map((a) => a.detail).join(' ')).not.toContain('TESTPATIENT');
    // Jane's maximum left: stated by the file, then confirmed by the rep on the call (newest first).
    const history = await h.page.evaluate(async (id) => {
      const r = await window.api.ledgerHistory({
        subject: { kind: 'coverage', id },
        field: 'maxRemainingCents',
        code: '',
      });
      return r.ok ? r.value.map((o) => [o.source, o.value]) : [];
    }, office.jane.coverage.id);
    expect(history).toEqual([
      ['call', 120_000],
      ['eligibility_file', 120_000],
    ]);
  });
});
