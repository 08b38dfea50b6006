// The verification call from the keyboard, as a caller on a headset does it: answer with Y / N / digits
// and typed answers, confirm known answers with Enter, hold with Alt+H, finish; then a second call on the
// same plan that mostly confirms; then a call left open by a restart, resumed, and marked dropped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForFocusIn } from './questionFocus';
import { startHarness, type Harness } from './harness';
import { completeCallInPage } from './completeCallInPage';
import { pdfPages, pdfText, toPng } from './pdf';
import { seedPrintData } from './seedPrintData';
import { CALL_SERVICE_DATE, startCallThroughForm } from './startCallForm';
import { TEST_TODAY, daysFromToday } from '../helpers/testClock';
import { formatDate } from '../../src/shared/dates/typedDate';
import { num, row } from '../helpers/sqlRows';

/** Typed answers by answer type; yes/no questions get Y except the ones that would end the script early. */
const TYPED: Record<string, string> = {
  money: '1500',
  percent: '50',
  date: daysFromToday(54),
  frequency: '1 per 36 months',
  text: 'Synthetic answer',
  phone: '555-0100',
  reference: 'REF-E2E-1',
};
const SAY_NO = new Set(['frequency_used', 'waiting_period', 'member_recheck']);

/** Typed answers for particular questions (a past date where the question is about the past). */
const TYPED_BY_STEP: Record<string, string> = { last_service_date: daysFromToday(-400) };

interface Tally {
  asked: number;
  confirmed: number;
  /** Answers that differed from the file and were read back. */
  changed?: number;
}

describe('verification call screen', () => {
  let h: Harness;
  let callpatient: number;
  beforeAll(async () => {
    h = await startHarness();
    callpatient = await seedPrintData(h, 'en', 'Callpatient');
  });
  afterAll(async () => {
    await h.close();
  });

  const question = () => h.page.getByRole('region', { name: 'Current question' });
  const onFileList = () => h.page.getByRole('region', { name: 'Plan answers on file' });
  /** Something is being asked: one question, or the plan's answers on file as one list. */
  const asking = async () => (await question().isVisible()) || (await onFileList().isVisible());

  async function openCallScreen() {
    await h.page.keyboard.press('Alt+Digit2');
    await expect.poll(() => h.page.locator('h1').textContent()).toBe('Verification call');
  }

  async function startCall() {
    const page = h.page;
    await openCallScreen();
    await startCallThroughForm(page, { patient: 'Callpatient', codes: 'D0367', dialed: '555-0199' });
  }

  /** Answers one question from the keyboard and waits until the next one (or the finish form) shows. */
  async function answerOne(tally: Tally, stop?: number, keys: Record<string, string> = {}): Promise<boolean> {
    const page = h.page;
    if (stop !== undefined && tally.asked >= stop) return false;
    // The plan's answers on file, read to the rep as one list: Enter, the rep confirmed them all.
    if (await onFileList().isVisible()) {
      tally.asked++;
      tally.confirmed += Number(await onFileList().getAttribute('data-count'));
      await page.keyboard.press('Enter');
      await onFileList().waitFor({ state: 'hidden' });
      return true;
    }
    const q = question();
    if (!(await q.isVisible())) return false;
    const key = (await q.getAttribute('data-key'))!;
    const step = (await q.getAttribute('data-step'))!;
    const type = (await q.getAttribute('data-type'))!;
    // Plan answers on file are confirmed with one key; a patient's are shown but asked again.
    const known = (await q.getAttribute('data-known')) === 'confirm';
    tally.asked++;
    // A known answer is confirmed with Enter; on the steps this test always answers No, the first call
    // taught the plan that No, so pressing N there confirms it too.
    if (known) tally.confirmed++;
    await waitForFocusIn(q, key);
    let pressed: string;
    if (keys[step]) {
      pressed = keys[step];
    } else if (known && !SAY_NO.has(step)) {
      pressed = 'Enter';
    } else if (type === 'yes_no_unknown') {
      pressed = SAY_NO.has(step) ? 'n' : 'y';
    } else if (type === 'choice') {
      const labels = await q.getByRole('button').allTextContents();
      const required = labels.findIndex((l) => /required/i.test(l) && !/not required/i.test(l));
      pressed = String(step === 'prior_auth' && required >= 0 ? required + 1 : 1);
    } else {
      const text = TYPED_BY_STEP[step] ?? TYPED[type] ?? 'Synthetic answer';
      await page.keyboard.type(text);
      pressed = `"${text}" then Enter`;
    }
    await page.keyboard.press(pressed.endsWith('then Enter') ? 'Enter' : pressed);
    // Names the question, the key and what the screen said, so a failure here says where it stopped.
    const stuck = async () =>
      `question ${key} (${type}) did not move on after ${pressed}; the screen says: ` +
      `${(await page.locator('.field-error').allTextContents()).join(' / ') || 'no error'}; ` +
      `focus is on ${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))}`;
    await expect
      .poll(async () => ((await q.isVisible()) ? await q.getAttribute('data-key') : 'finished'), {
        timeout: 10_000,
      })
      .not.toBe(key)
      .catch(async (error: Error) => {
        throw new Error(await stuck(), { cause: error });
      });
    // A changed answer: the caller reads it back, the rep confirms (Enter), and the call goes on.
    const readBack = page.getByRole('alertdialog', { name: 'Read the changed answer back' });
    if (await readBack.isVisible()) {
      tally.changed = (tally.changed ?? 0) + 1;
      await page.keyboard.press('Enter');
      await readBack.waitFor({ state: 'hidden' });
    }
    return true;
  }

  async function answerAll(tally: Tally, keys: Record<string, string> = {}) {
    for (let guard = 0; guard < 200 && (await answerOne(tally, undefined, keys)); guard++);
  }

  it('runs a first call from the keyboard, with a hold, and completes it', async () => {
    const page = h.page;
    await startCall();
    const tally: Tally = { asked: 0, confirmed: 0 };
    // The header says the appointment the rep checks coverage on.
    expect(await page.getByRole('region', { name: 'The call', exact: true }).textContent()).toContain(
      `Print PPO · D0367 on ${formatDate(CALL_SERVICE_DATE)}`,
    );
    // The first question has focus: the caller can answer without touching the mouse.
    await answerOne(tally);
    await answerOne(tally);
    // Alt+F jumps to the reference field from anywhere; Enter there goes back to the question.
    await page.keyboard.press('Alt+F');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('call-referenceNumber');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.question')))).toBe(true);
    await page.keyboard.press('Alt+H');
    await expect.poll(() => page.getByRole('button', { name: /The rep is back/ }).isVisible()).toBe(true);
    await page.waitForTimeout(1100);
    await page.keyboard.press('Alt+H');
    await expect.poll(() => page.getByRole('button', { name: /On hold/ }).isVisible()).toBe(true);
    expect(await page.getByLabel('Hold time').textContent()).toMatch(/^0:0[1-9]$/);
    // A misheard amount: more of the maximum left than the maximum. The screen says so and nothing moves on.
    const stepNow = async () =>
      (await question().isVisible()) ? question().getAttribute('data-step') : null;
    for (let guard = 0; guard < 60 && (await stepNow()) !== 'max_remaining'; guard++) await answerOne(tally);
    const answerBox = question().getByLabel('Answer');
    await expect.poll(() => answerBox.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('2000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => question().locator('.field-error').textContent())
      .toMatch(/^\$2,000\.00 left is more than the annual maximum of \$1,500\.00 the rep gave\./);
    expect(await question().getAttribute('data-step')).toBe('max_remaining');
    await answerBox.fill('');
    await answerAll(tally);
    expect(tally.asked).toBeGreaterThan(15);

    await page.getByRole('button', { name: 'Complete the call' }).click();
    const result = page.getByRole('region', { name: 'Call result' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Call complete');
    expect(await result.textContent()).toContain('D0367');
    expect(await result.textContent()).toContain('Prior authorization required');
    expect(await result.textContent()).toContain('REF-E2E-1');
    // Stored: the hold segment and the outcome are in the database, not only on screen.
    expect(await num(h.db, 'SELECT COUNT(*) AS n FROM call_holds WHERE ended_at IS NOT NULL')).toBe(1);
    await page.screenshot({ path: 'test-output/e2e/call-complete.png', fullPage: true });
  });

  it('a second call on the same plan mostly confirms what the first learned', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Start another call' }).click();
    await page.getByLabel('Patient').waitFor();
    await startCallThroughForm(page, { patient: 'Callpatient', codes: 'D0367' });
    await page.screenshot({ path: 'test-output/e2e/call-known-answer.png', fullPage: true });
    const tally: Tally = { asked: 0, confirmed: 0 };
    for (let i = 0; i < 12; i++) await answerOne(tally);
    await page.screenshot({ path: 'test-output/e2e/call-midway.png', fullPage: true });
    // Choice answers read as words, not stored values like in_network.
    const answersText = await page.getByRole('region', { name: 'Answers so far' }).textContent();
    expect(answersText).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    await answerAll(tally);
    expect(tally.confirmed).toBeGreaterThan(tally.asked / 2);
    expect(tally.changed ?? 0).toBe(0);
    // The screen marks as confirmed exactly the answers the record calls confirmed (the same as on file):
    // the plan's, confirmed with Enter, and the patient's, asked again and given the same.
    const confirmedBadges = await page
      .getByRole('region', { name: 'Answers so far' })
      .getByText('confirmed', { exact: true })
      .count();
    const stored = await num(
      h.db,
      `SELECT count(*) AS n FROM call_answers WHERE comparison = 'confirmed'
         AND call_id = (SELECT max(id) FROM calls)`,
    );
    expect(confirmedBadges).toBe(stored);
    expect(stored).toBeGreaterThanOrEqual(tally.confirmed);
    await page.getByRole('button', { name: 'Complete the call' }).click();
    await page.getByRole('region', { name: 'Call result' }).waitFor();
  });

  it('a call left open by a restart resumes where it was, and can be marked dropped', async () => {
    const page = h.page;
    await page.getByRole('button', { name: 'Start another call' }).click();
    await startCallThroughForm(page, { patient: 'Callpatient', codes: 'D0367' });
    const tally: Tally = { asked: 0, confirmed: 0 };
    await answerOne(tally);
    await answerOne(tally);
    await answerOne(tally);
    const nextKey = await question().getAttribute('data-key');

    await page.reload();
    // The app opens on Lookup; once it shows, the screen shortcuts are listening.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Code lookup');
    await openCallScreen();
    // The offer says which call it is: patient, payer, codes, and the question it goes back to.
    const resume = page.getByRole('button', { name: /Resume the call/ });
    expect(await resume.textContent()).toContain(
      'Resume the call with Mrkfirst Callpatient, Fictional Print Dental (test) (D0367) at "Active on the date of service"',
    );
    await resume.click();
    await question().waitFor();
    expect(await question().getAttribute('data-key')).toBe(nextKey);
    expect(await page.getByRole('region', { name: 'Answers so far' }).locator('li').count()).toBe(3);

    // It asks once: the call ends for good.
    await page.getByRole('button', { name: 'The call dropped' }).click();
    await page.getByRole('button', { name: 'Yes, the call dropped' }).click();
    const result = page.getByRole('region', { name: 'Call result' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Call dropped');
    expect(await result.textContent()).toContain('Partly verified');
    await page.getByRole('button', { name: 'Start another call' }).click();
    await expect.poll(() => page.getByRole('button', { name: /Resume the call/ }).count()).toBe(0);
  });

  it('Records: worklists, PA moved to approved, search, verification record, amendment, estimate', async () => {
    const page = h.page;
    const unverified = await seedPrintData(h, 'en', 'Unverified');
    await page.evaluate(
      async ({ patientId, serviceDate }) => {
        const r = await window.api.estimateSave({
          patientId,
          selfPay: false,
          lines: [{ code: 'D0367', tooth: null, serviceDate, feeCents: 120_000 }],
        });
        if (!r.ok) throw new Error(r.error.message);
      },
      { patientId: unverified, serviceDate: daysFromToday(54) },
    );
    await page.keyboard.press('Alt+Digit6');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Records');
    // A patient with only an insurance estimate was never verified. Callpatient's appointment was
    // verified today, so it is listed only when the plan's January renewal (the call said calendar year)
    // falls before it, as it does when the tests' day is late in December.
    const reverifyRows = page.getByRole('table', { name: 'Re-verify worklist' }).locator('tbody tr');
    const renewsFirst = CALL_SERVICE_DATE.slice(0, 4) !== TEST_TODAY.slice(0, 4);
    await expect.poll(() => reverifyRows.count()).toBe(renewsFirst ? 2 : 1);
    const unverifiedRow = reverifyRows.filter({ hasText: 'Mrkfirst Unverified' });
    expect(await unverifiedRow.textContent()).toContain('Never verified on this plan');
    if (renewsFirst)
      expect(await reverifyRows.filter({ hasText: 'Mrkfirst Callpatient' }).textContent()).toMatch(/renew/i);

    // Both completed calls found D0367 needs prior authorization for the same appointment: one request
    // to submit, not two; the second call is in the item's history.
    const paRows = page.getByRole('table', { name: 'Prior authorization worklist' }).locator('tbody tr');
    await expect.poll(() => paRows.count()).toBe(1);
    expect(
      await num(h.db, "SELECT COUNT(*) AS n FROM prior_auth_events WHERE note LIKE 'Call #% also found%'"),
    ).toBe(1);
    expect(await paRows.first().textContent()).toContain('To submit');
    expect(await paRows.first().textContent()).toContain('Submit the request');
    // The row says when the appointment is, how far off, and that no decision date was given yet.
    expect(await paRows.first().textContent()).toContain(`${formatDate(CALL_SERVICE_DATE)}in 18 days`);
    expect(await paRows.first().textContent()).toContain('Not given');
    await paRows.first().getByRole('button', { name: 'Update' }).click();
    const paForm = page.getByRole('form', { name: 'Prior authorization for D0367' });
    // Whose request it is, at the top of the form.
    expect(await paForm.getByRole('heading', { level: 3 }).textContent()).toBe(
      'D0367 for Mrkfirst Callpatient (born 01/02/1970)',
    );
    // Its history: made by the first call, found again by the second.
    const history = paForm.getByRole('region', { name: 'History' }).getByRole('listitem');
    await expect
      .poll(() => history.allTextContents())
      .toEqual([
        expect.stringMatching(
          /^\d\d\/\d\d\/\d{4} \d{1,2}:\d\d [AP]M · .+ · To submit · Created from call #\d+, which found prior authorization required\.$/,
        ),
        expect.stringMatching(
          /To submit · Call #\d+ also found prior authorization required; this item already tracks it\.$/,
        ),
      ]);
    await paForm.getByLabel('Status').selectOption('submitted');
    await paForm.getByRole('button', { name: 'Save prior authorization' }).click();
    await expect
      .poll(() => paForm.getByText('Add the date the request was submitted.').isVisible())
      .toBe(true);
    await paForm.getByLabel('Submitted on').fill(formatDate(TEST_TODAY));
    // Typed the short way: M/D/YY.
    const decision = daysFromToday(9);
    await paForm
      .getByLabel('Decision expected by')
      .fill(`${Number(decision.slice(5, 7))}/${Number(decision.slice(8))}/${decision.slice(2, 4)}`);
    await paForm.getByRole('button', { name: 'Save prior authorization' }).click();
    await expect.poll(() => paRows.first().textContent()).toContain('Submitted');
    expect(await paRows.first().textContent()).toContain(formatDate(decision));
    await paRows.first().getByRole('button', { name: 'Update' }).click();
    await expect.poll(() => history.count()).toBe(3);
    expect(await history.last().textContent()).toMatch(/ · Submitted$/);
    await paForm.getByLabel('Status').selectOption('approved');
    // Main's message about patch.authNumber lands beside the Authorization number field.
    await paForm.getByLabel('Authorization number').fill('A'.repeat(61));
    await paForm.getByLabel('Approval valid from').fill(formatDate(daysFromToday(9)));
    await paForm.getByLabel('Approval valid to').fill(formatDate(daysFromToday(98)));
    await paForm.getByRole('button', { name: 'Save prior authorization' }).click();
    const authField = paForm.getByLabel('Authorization number');
    await expect.poll(() => authField.getAttribute('aria-invalid')).toBe('true');
    expect(await paForm.locator('#pa-authNumber-error').textContent()).toBe(
      'Keep this to 60 characters or fewer.',
    );
    await authField.fill('AUTH-E2E-9');
    await h.screenshot('prior-auth-form');
    await paForm.getByRole('button', { name: 'Save prior authorization' }).click();
    await expect.poll(() => paRows.first().textContent()).toContain('Approved#AUTH-E2E-9');
    await h.screenshot('prior-auth-worklist');
    expect(
      await row(h.db, "SELECT status, auth_number AS auth FROM prior_auths WHERE auth_number = 'AUTH-E2E-9'"),
    ).toEqual({ status: 'approved', auth: 'AUTH-E2E-9' });

    const rows = page.getByRole('table', { name: 'Calls' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // Every word must match: a code the calls did not cover finds nothing.
    await page.getByLabel('Find a call').fill('callpatient D0330');
    await expect.poll(() => page.getByText('No call matches.').isVisible()).toBe(true);
    await page.getByLabel('Find a call').fill('Callpatient D0367');
    await expect.poll(() => rows.count()).toBe(3);
    await rows.filter({ hasText: 'Complete' }).last().getByRole('button').click();
    const record = page.getByRole('region', { name: 'Verification record' });
    await record.waitFor();
    expect(await record.textContent()).toContain('Prior authorization required');

    const before = h.saved.length;
    await record.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => h.saved.length, { timeout: 20_000 }).toBe(before + 1);
    const pdf = h.saved.at(-1)!;
    expect(pdf).toMatch(/verification-record-\d+\.pdf$/);
    toPng(pdf, 'print-verification-record');
    const text = pdfText(pdf);
    for (const words of [
      'Insurance verification record',
      'Mrkfirst Callpatient',
      'Fictional Print Dental (test), Print PPO',
      'REF-E2E-1',
      '555-0199',
      'D0367',
      'Prior authorization required',
      'Completed',
      // The chart copy shows what the payer found the member by.
      'Chart copy',
      'Member ID MRK987654321',
      'group GRP-MARKER-42',
      'born 01/02/1970',
      '(the patient is the subscriber)',
      // Every question as it was put to the rep, not the caller's instruction.
      'What is your name?',
      'Is the coverage active on the date of service?',
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text).not.toContain("Ask for the rep's name");
    // Times carry their zone; each plan answer says how it compared with the file.
    expect(text).toMatch(/Call \d\d\/\d\d\/\d{4}, \d{1,2}:\d\d [AP]M [A-Z]{2,5}/);
    expect(text).toMatch(/Annual maximum|annual maximum\?/);
    expect(text).toMatch(/\((confirmed|new|changed: was [^)]+)\)/);
    expect(pdfPages(pdf)).toBeLessThanOrEqual(2);
    // The payer's notes stay off paper.
    expect(text).not.toContain('MRK_NOTE_7731');

    const id = Number(/verification-record-(\d+)\.pdf$/.exec(pdf)![1]);
    const answersBefore = await num(h.db, 'SELECT COUNT(*) AS n FROM call_answers WHERE call_id = ?', id);
    await page.getByLabel('What was wrong or missing').fill('Rep later said the PA is valid for 180 days');
    await page.getByLabel('Why (who said so, when)').fill('Supervisor call back, ref REF-E2E-2');
    await page.getByRole('button', { name: 'Add amendment' }).click();
    await expect.poll(() => record.textContent()).toContain('valid for 180 days');
    // The answers as given stay untouched; the correction is added beside them.
    expect(await num(h.db, 'SELECT COUNT(*) AS n FROM call_answers WHERE call_id = ?', id)).toBe(
      answersBefore,
    );
    await record.getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => h.saved.length, { timeout: 20_000 }).toBe(before + 2);
    expect(pdfText(h.saved.at(-1)!)).toContain('Rep later said the PA is valid for 180 days');
    await page.screenshot({ path: 'test-output/e2e/records.png', fullPage: true });

    // Straight on to the estimate: the call's patient, code and date of service are filled in.
    await record.getByRole('button', { name: 'Make an estimate from this call' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Estimate');
    expect(await page.getByLabel('Code, line 1').inputValue()).toBe('D0367');
    expect(await page.getByLabel('Date of service, line 1').inputValue()).toBe(formatDate(daysFromToday(18)));
    await page.getByLabel('Fee, line 1').fill('1200');
    await expect
      .poll(() => page.getByRole('table', { name: 'Estimate' }).textContent())
      .toContain('$1,200.00');
    await h.screenshot('estimate-from-call');
  });

  it('a call on five codes prints its verification record on two pages at most', async () => {
    const patientId = await seedPrintData(h, 'en', 'Fivecodes');
    const callId = await completeCallInPage(h, patientId, ['D0367', 'D0330', 'D0310', 'D0320', 'D0350']);
    const savedTo = await h.page.evaluate(async (id) => {
      const r = await window.api.printVerificationRecordPdf({ id });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.savedTo!;
    }, callId);
    toPng(savedTo, 'print-verification-record-five-codes');
    const text = pdfText(savedTo);
    for (const code of ['D0367', 'D0330', 'D0310', 'D0320', 'D0350']) expect(text, code).toContain(code);
    const pages = pdfPages(savedTo);
    expect(pages).toBeLessThanOrEqual(2);
    // Every page names its record and its place, so a loose page still belongs somewhere.
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
    expect(text.split(`Insurance verification record #${callId}`).length - 1).toBe(pages + 1); // title too
  });

  it('the medical-plan branch: dental refuses D0310, a linked medical call asks about it with CPT hints', async () => {
    const page = h.page;
    const medicalPlanId = await page.evaluate(async (patientId) => {
      const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
        if (!r.ok) throw new Error(r.error!.message);
        return r.value as T;
      };
      const payer = ok(
        await window.api.payersSave({
          id: null,
          payer: {
            name: 'Fictional Medical Mutual (test)',
            electronicPayerId: null,
            phoneBenefits: null,
            phonePriorAuth: null,
            phoneMedical: '555-0142',
            phoneProviderServices: null,
            portalUrl: null,
            fax: null,
            claimsAddress: null,
            notes: null,
            sendsInvertedCoinsurance: 'unknown',
          },
        }),
      ) as { id: number };
      const plan = ok(
        await window.api.plansSave({
          id: null,
          plan: {
            payerId: payer.id,
            name: 'Medical Choice',
            groupNumber: null,
            employerName: null,
            planType: 'medical',
            notes: null,
          },
        }),
      ) as { id: number };
      // The patient's own medical coverage: the offer lists it (and only it).
      ok(
        await window.api.coveragesSave({
          id: null,
          coverage: {
            patientId,
            planId: plan.id,
            ordinal: 2,
            memberId: 'MED-CALL-1',
            subscriberName: 'Mrkfirst Callpatient',
            subscriberDob: '1970-01-02',
            relationship: 'self',
            effectiveDate: null,
            terminationDate: null,
            maxUsedCents: null,
            maxUsedStatedOn: null,
            deductibleMetCents: null,
            deductibleMetStatedOn: null,
          },
        }),
      );
      return plan.id;
    }, callpatient);

    await openCallScreen();
    if (await page.getByRole('button', { name: 'Start another call' }).isVisible())
      await page.getByRole('button', { name: 'Start another call' }).click();
    await startCallThroughForm(page, { patient: 'Callpatient', codes: 'D0367 D0310' });
    // Progress through the codes, and the facts of the code being asked, beside the question.
    const progress = page.getByRole('region', { name: 'Codes on this call' });
    expect(await progress.textContent()).toContain('0 of 2 done');
    await expect.poll(() => page.getByRole('region', { name: 'About D0367' }).isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'About D0367' }).textContent()).toContain('Our summary');

    const tally: Tally = { asked: 0, confirmed: 0 };
    // D0367 goes as the plan already knows; D0310 is refused by the dental plan.
    for (let guard = 0; guard < 200; guard++) {
      const q = question();
      if (!(await asking())) break;
      const key = (await q.isVisible()) ? (await q.getAttribute('data-key'))! : 'the on-file list';
      if (key === 'the on-file list') {
        // The five-code call taught the plan D0310 is covered; this rep says it is not: it is marked in
        // the list (arrows, Space) to be asked on its own, and Enter confirms the rest.
        const listed = await onFileList()
          .locator('li[data-key]')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-key')));
        for (let i = 0; i < listed.indexOf('covered@D0310'); i++) await page.keyboard.press('ArrowDown');
        if (listed.includes('covered@D0310')) await page.keyboard.press('Space');
        await page.keyboard.press('Enter');
        await onFileList().waitFor({ state: 'hidden' });
      } else if (key === 'covered@D0310') {
        await expect.poll(() => progress.textContent()).toContain('1 of 2 done');
        expect(await progress.locator('[aria-current="step"]').textContent()).toContain('D0310');
        await expect.poll(() => page.getByRole('region', { name: 'About D0310' }).isVisible()).toBe(true);
        await h.screenshot('call-code-facts');
        await answerOne(tally, undefined, { covered: 'n' });
      } else {
        await answerOne(tally);
      }
    }
    await page.getByRole('button', { name: 'Complete the call' }).click();
    const result = page.getByRole('region', { name: 'Call result' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Not covered by the dental plan');
    const offer = page.getByRole('form', { name: 'Call the medical plan' });
    expect(await offer.textContent()).toContain('The dental plan will not pay D0310.');
    // Only the patient's own medical coverage is offered (the list is fetched when the offer opens).
    await expect
      .poll(() => offer.getByLabel('Medical coverage').locator('option').count())
      .toBeGreaterThan(0);
    expect(await offer.getByLabel('Medical coverage').locator('option').allTextContents()).toEqual([
      'Fictional Medical Mutual (test), Medical Choice (member ID MED-CALL-1)',
    ]);
    await offer.getByLabel('Medical coverage').selectOption(String(medicalPlanId));
    expect(await offer.getByLabel('Number dialled').inputValue()).toBe('555-0142');
    await offer.getByLabel('Number dialled').fill('555-0142');
    await h.screenshot('call-medical-offer');
    await offer.getByRole('button', { name: 'Start the medical-plan call' }).click();
    await question().waitFor();
    expect(await page.locator('.call-header').textContent()).toContain('Medical-plan call');
    expect(await progress.textContent()).toContain('D0310');
    expect(await progress.textContent()).not.toContain('D0367');

    const medTally = { asked: 0, confirmed: 0 };
    for (let guard = 0; guard < 100; guard++) {
      const q = question();
      if (!(await q.isVisible())) break;
      if ((await q.getAttribute('data-step')) === 'medical_cpt') {
        // The cross-walk hints for a medical plan show in the side panel.
        const facts = await page.getByRole('region', { name: 'About D0310' }).textContent();
        expect(facts).toContain('CPT the medical plan may expect');
        expect(facts).toContain('Typical diagnoses');
        await h.screenshot('call-medical-cpt');
      }
      await answerOne(medTally);
    }
    await page.getByRole('button', { name: 'Complete the call' }).click();
    await result.waitFor();
    const medicalId = await num(h.db, 'SELECT max(id) AS id FROM calls');
    const linked = await row(
      h.db,
      'SELECT medical_call_of AS "of", plan_id AS "planId", status FROM calls WHERE id = ?',
      medicalId,
    );
    expect(linked).toMatchObject({ planId: medicalPlanId, status: 'completed' });

    // Records shows the link both ways; the printed record names it.
    await page.keyboard.press('Alt+Digit6');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Records');
    await page.getByLabel('Find a call').fill('medical choice');
    const rows = page.getByRole('table', { name: 'Calls' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByRole('button').click();
    const record = page.getByRole('region', { name: 'Verification record' });
    await expect.poll(() => record.textContent()).toContain('Medical-plan call for');
    await record.getByRole('button', { name: /^call #\d+$/ }).click();
    await expect.poll(() => record.textContent()).toContain(`Medical plan asked on`);
    const savedTo = await page.evaluate(async (id) => {
      const r = await window.api.printVerificationRecordPdf({ id });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.savedTo!;
    }, medicalId);
    toPng(savedTo, 'print-verification-record-medical');
    const text = pdfText(savedTo);
    expect(text).toContain('Medical-plan verification record');
    expect(text).toContain('dental verification record #');
    // The summary per code says what the medical plan answered (its own questions), not "Not asked".
    expect(text).not.toContain('Not asked');
    expect(text.replace(/\s+/g, ' ')).toMatch(/Covered for the diagnosis: Yes/);
  });
});
