// The loop a coordinator relies on, end to end in the browser: a plan with answers on file (from a call
// five weeks ago); call 1, by keyboard, where the rep changes three of them (each read back, and the
// printed record shows every change with its old value and source); call 2 on the same plan confirms
// the new values with Enter; the prior authorization is approved with its validity; the estimate and the
// Spanish cost summary show the approval and amounts worked from what the rep said, to the cent.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/shared/dates/calendar';
import { formatDate } from '../../src/shared/dates/typedDate';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { benefitYearStartMonthAroundToday, daysFromToday, TEST_TODAY } from '../helpers/testClock';
import { waitForFocusIn } from './questionFocus';
import { startHarness, type Harness } from './harness';
import { setSyntheticOffice } from './officeHeader';
import { pdfText, toPng } from './pdf';
import { startCallThroughForm, CALL_SERVICE_DATE } from './startCallForm';
import { num, row } from '../helpers/sqlRows';

const DAY_MS = 86_400_000;
const EARLIER = daysFromToday(-34);
const spanishDate = (iso: string) => iso.split('-').reverse().join('/');

describe('what the rep said is the record, from the call to the paper', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setSyntheticOffice(h);
  });
  afterAll(async () => {
    await h.close();
  });

  /** Payer, plan, the office fee, Ana (Spanish) with coverage, and another patient for the earlier call. */
  async function seed(): Promise<{ ana: number; other: number; planId: number }> {
    return h.page.evaluate(async () => {
      const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
        if (!r.ok) throw new Error(r.error!.message);
        return r.value as T;
      };
      const api = window.api;
      const payer = ok(
        await api.payersSave({
          id: null,
          payer: {
            name: 'Fictional Journey Dental (test)',
            electronicPayerId: null,
            phoneBenefits: '555-0142',
            phonePriorAuth: null,
            phoneMedical: null,
            phoneProviderServices: null,
            portalUrl: null,
            fax: null,
            claimsAddress: null,
            notes: null,
            sendsInvertedCoinsurance: 'no',
          },
        }),
      ) as { id: number };
      const plan = ok(
        await api.plansSave({
          id: null,
          plan: {
            payerId: payer.id,
            name: 'Journey PPO',
            groupNumber: 'GRP-JOURNEY-7',
            employerName: null,
            planType: 'ppo',
            notes: null,
          },
        }),
      ) as { id: number };
      ok(
        await api.feesImportApply({
          planId: null,
          file: { fileName: 'fees.csv', contentBase64: btoa('code,fee\nD0367,1200.00\n') },
        }),
      );
      const patient = async (firstName: string, lastName: string, language: 'en' | 'es') => {
        const p = ok(
          await api.patientsSave({
            id: null,
            patient: { firstName, lastName, dob: '1985-04-12', preferredLanguage: language, phone: null },
          }),
        ) as { id: number };
        ok(
          await api.coveragesSave({
            id: null,
            coverage: {
              patientId: p.id,
              planId: plan.id,
              ordinal: 1,
              memberId: `JRN${p.id}00042`,
              subscriberName: `${firstName} ${lastName}`,
              subscriberDob: '1985-04-12',
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
        return p.id;
      };
      const other = await patient('Earlier', 'Synthpatient', 'en');
      const ana = await patient('Ana', 'Ramírez', 'es');
      return { ana, other, planId: plan.id };
    });
  }

  /** The call five weeks ago, through window.api: what is on file before today's calls. */
  async function earlierCall(patientId: number, planId: number): Promise<number> {
    h.advanceClock(-34 * DAY_MS);
    try {
      return await h.page.evaluate(
        async ({ patientId, planId, serviceDate, benefitMonth }) => {
          const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
            if (!r.ok) throw new Error(r.error!.message);
            return r.value as T;
          };
          type View = {
            id: number;
            pendingReadBack: { key: string } | null;
            current: { key: string; stepId: string; type: string; choices: Array<{ value: string }> } | null;
          };
          const said: Record<string, { type: string; value: unknown }> = {
            rep_name: { type: 'text', value: 'Denise K' },
            reference_number: { type: 'reference', value: '4471' },
            network_status: { type: 'choice', value: 'in_network' },
            benefit_year_start: { type: 'choice', value: benefitMonth },
            annual_max: { type: 'money', value: 150_000 },
            deductible_individual: { type: 'money', value: 5_000 },
            deductible_family: { type: 'money', value: 15_000 },
            deductible_for_imaging: { type: 'yes_no_unknown', value: 'yes' },
            waiting_period: { type: 'yes_no_unknown', value: 'no' },
            covered: { type: 'yes_no_unknown', value: 'yes' },
            coverage_percent: { type: 'percent', value: 5000 },
            category: { type: 'choice', value: 'major' },
            allowed_fee: { type: 'money', value: null },
            frequency: {
              type: 'frequency',
              value: { count: 1, per: 'lifetime', months: null, sharedWith: [] },
            },
            last_service_date: { type: 'date', value: null },
            frequency_used: { type: 'yes_no_unknown', value: 'no' },
            prior_auth: { type: 'choice', value: 'required' },
            pa_method: { type: 'choice', value: 'portal' },
          };
          let view = ok(
            await window.api.callStart({
              patientId,
              planId,
              planned: [{ code: 'D0367', tooth: null, serviceDate }],
              dialedNumber: '555-0142',
            }),
          ) as View;
          for (let guard = 0; view.current && guard < 200; guard++) {
            const c = view.current;
            const answer =
              said[c.stepId] ??
              (c.type === 'yes_no_unknown'
                ? { type: c.type, value: 'yes' }
                : c.type === 'choice'
                  ? { type: c.type, value: c.choices[0]!.value }
                  : { type: c.type, value: c.type === 'text' ? 'As on the portal' : null });
            view = ok(
              await window.api.callAnswer({ id: view.id, key: c.key, answer: answer as never }),
            ) as View;
          }
          ok(
            await window.api.callComplete({
              id: view.id,
              finish: { nextAction: 'Submit the PA', nextActionDue: serviceDate, reverifyDate: null },
            }),
          );
          return view.id;
        },
        {
          patientId,
          planId,
          serviceDate: addDays(EARLIER, 30),
          // The call five weeks ago and today's visit in one benefit year, whatever the tests' day.
          benefitMonth: String(benefitYearStartMonthAroundToday()),
        },
      );
    } finally {
      h.advanceClock(34 * DAY_MS);
    }
  }

  /** Five weeks later the desk finds VerifyDesk locked (idle): the coordinator unlocks it. */
  async function unlockAfterTheGap() {
    const page = h.page;
    await expect
      .poll(() => page.locator('h1').first().textContent(), { timeout: 20_000 })
      .toBe('VerifyDesk is locked');
    await page.getByLabel('Password').fill(TEST_ADMIN.password);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByRole('navigation', { name: 'Screens' }).isVisible()).toBe(true);
  }

  const question = () => h.page.getByRole('region', { name: 'Current question' });
  const onFileList = () => h.page.getByRole('region', { name: 'Plan answers on file' });
  const readBack = () => h.page.getByRole('alertdialog', { name: 'Read the changed answer back' });

  /**
   * Answers the call from the keyboard to the finish form: `keys` by step id (text to type, or a key to
   * press), otherwise Enter confirms what is on file, Y for yes/no, 1 for a choice, Enter (unknown) for a
   * typed answer. The plan's answers on file come as one list: the ones `keys` gives an answer for are
   * marked (arrows, Space) to be asked on their own, and Enter confirms the rest. Read-back prompts are
   * shown, their words kept, and confirmed with Enter.
   */
  async function answerByKeyboard(keys: Record<string, string>) {
    const page = h.page;
    const tally = {
      keystrokes: 0,
      readBacks: [] as string[],
      confirmedWithEnter: 0,
      asked: 0,
      confirmedInList: 0,
    };
    for (
      let guard = 0;
      guard < 120 && ((await question().isVisible()) || (await onFileList().isVisible()));
      guard++
    ) {
      if (await onFileList().isVisible()) {
        const listed = await onFileList()
          .locator('li[data-key]')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-key')!));
        let at = 0;
        let marked = 0;
        for (const [i, key] of listed.entries()) {
          if (keys[key.split('@')[0]!] === undefined) continue;
          for (; at < i; at++) {
            await page.keyboard.press('ArrowDown');
            tally.keystrokes++;
          }
          await page.keyboard.press('Space');
          tally.keystrokes++;
          marked++;
        }
        await page.keyboard.press('Enter');
        tally.keystrokes++;
        tally.confirmedInList += listed.length - marked;
        await onFileList().waitFor({ state: 'hidden' });
        continue;
      }
      const q = question();
      const step = (await q.getAttribute('data-step'))!;
      const type = (await q.getAttribute('data-type'))!;
      const confirmable = (await q.getAttribute('data-known')) === 'confirm';
      const key = await q.getAttribute('data-key');
      tally.asked++;
      await waitForFocusIn(q, key);
      const planned = keys[step];
      const typed = type !== 'yes_no_unknown' && type !== 'choice';
      if (planned !== undefined && typed) {
        await page.keyboard.type(planned);
        await page.keyboard.press('Enter');
        tally.keystrokes += planned.length + 1;
      } else if (planned !== undefined) {
        await page.keyboard.press(planned);
        tally.keystrokes++;
      } else if (confirmable) {
        await page.keyboard.press('Enter');
        tally.confirmedWithEnter++;
        tally.keystrokes++;
      } else {
        await page.keyboard.press(type === 'yes_no_unknown' ? 'y' : type === 'choice' ? '1' : 'Enter');
        tally.keystrokes++;
      }
      await expect
        .poll(async () =>
          (await readBack().isVisible())
            ? 'read back'
            : (await question().isVisible())
              ? await question().getAttribute('data-key')
              : 'finished',
        )
        .not.toBe(key);
      if (await readBack().isVisible()) {
        tally.readBacks.push((await readBack().textContent())!);
        if (tally.readBacks.length === 1) await h.screenshot('journey-changed-answer-prompt');
        await page.keyboard.press('Enter');
        tally.keystrokes++;
        await readBack().waitFor({ state: 'hidden' });
      }
    }
    return tally;
  }

  it('walks the loop: changes read back and recorded, confirmed on the next call, approved PA on the paper', async () => {
    const page = h.page;
    const { ana, other, planId } = await seed();
    await earlierCall(other, planId);
    // The page asks main for the session every 15 s; asking now shows the lock at once.
    await page.evaluate(() => window.api.sessionStatus({}));
    await page.reload();
    await unlockAfterTheGap();

    // Call 1, for Ana, from the keyboard: the rep changes the deductible, the category and the frequency.
    await page.keyboard.press('Alt+Digit2');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Verification call');
    await startCallThroughForm(page, { patient: 'Ramírez', codes: 'D0367', dialed: '555-0142' });
    const first = await answerByKeyboard({
      rep_name: 'Marco P',
      reference_number: 'JRN-881',
      max_remaining: '1000',
      deductible_individual: '1500',
      deductible_met: '1480',
      category: '1', // Diagnostic
      allowed_fee: '900',
      frequency: '1 per 36 months',
      frequency_used: 'n',
      prior_auth: '1', // Required
      pa_method: '1', // Portal
    });
    const was = `said on a call ${formatDate(EARLIER)}, Denise K, ref 4471`;
    expect(first.readBacks).toEqual([
      expect.stringContaining(`the rep now says $1,500.00. It was $50.00 (${was})`),
      expect.stringContaining(`the rep now says Diagnostic. It was Major (${was})`),
      expect.stringContaining(`the rep now says 1 per 36 months. It was 1 per lifetime (${was})`),
    ]);
    // The finish form proposes submitting the PA, due in two days, and it is kept.
    const finish = page.getByRole('form', { name: 'Finish the call' });
    expect(await finish.getByLabel('Next step', { exact: true }).inputValue()).toBe(
      'Submit the PA for D0367',
    );
    expect(await finish.getByLabel('Next step due').inputValue()).toBe(formatDate(daysFromToday(2)));
    await finish.getByRole('button', { name: 'Complete the call' }).click();
    await page.getByRole('region', { name: 'Call result' }).waitFor();
    const call1 = await num(h.db, 'SELECT max(id) AS id FROM calls');

    // The printed record shows each change with the old value and where it came from.
    const recordPdf = await h.page.evaluate(async (id) => {
      const r = await window.api.printVerificationRecordPdf({ id });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.savedTo!;
    }, call1);
    toPng(recordPdf, 'journey-verification-record');
    const record = pdfText(recordPdf);
    for (const words of [
      `What is the individual deductible? $1,500.00 (changed: was $50.00, ${was}; read back`,
      `D0367: Which category does D0367 fall under? Diagnostic (changed: was Major, ${was}; read back`,
      `(changed: was 1 per lifetime, ${was}; read back`,
      'What is the annual maximum? $1,500.00 (confirmed)',
      'D0367: What is the allowed fee for D0367? $900.00 (new)',
      'Member ID JRN',
      'group GRP-JOURNEY-7',
    ])
      expect(record, words).toContain(words);

    // Until a second rep says the same, the plan shows the disagreement with both answers.
    const plan = (await page.evaluate(async (id) => window.api.plansGet({ id }), planId)) as {
      ok: true;
      value: {
        benefits: Record<string, { status: string; conflict: Array<{ value: unknown; repName: string }> }>;
      };
    };
    expect(plan.value.benefits.deductibleIndividualCents).toMatchObject({
      status: 'conflict',
      conflict: [
        { value: 150_000, repName: 'Marco P' },
        { value: 5_000, repName: 'Denise K' },
      ],
    });

    // The plan's screen shows the disagreement under the field, with each answer and who gave it, and the
    // field's history on request.
    await page.keyboard.press('Alt+Digit3');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Payers and plans');
    await page.getByRole('button', { name: 'Journey PPO' }).click();
    const benefits = page.getByRole('form', { name: 'Plan benefits' });
    const deductible = benefits.locator('.field', { has: page.getByLabel('Deductible, individual') });
    await expect
      .poll(() => deductible.textContent())
      .toContain('Conflicting answers: $1,500.00 (said on a call');
    expect(await deductible.textContent()).toContain(`$50.00 (${was})`);
    await deductible.getByRole('button', { name: 'History (2)' }).click();
    const history = deductible.getByRole('list', { name: 'History of this answer' });
    // The history is fetched on request: wait for its two entries before reading them.
    await expect.poll(() => history.locator('li').count()).toBe(2);
    expect(await history.locator('li').allTextContents()).toEqual([
      expect.stringMatching(
        /^\$1,500\.00 said on a call .*Marco P, ref JRN-881; recorded by Test User on Test desk$/,
      ),
      expect.stringMatching(
        /^\$50\.00 said on a call .*Denise K, ref 4471; recorded by Test User on Test desk$/,
      ),
    ]);
    await h.screenshot('journey-plan-conflict');

    // The to-do list has the PA to submit, due in two days.
    await page.keyboard.press('Alt+Digit8');
    await expect.poll(() => page.locator('h1').textContent()).toBe('To-do');
    const todo = page.getByRole('list', { name: 'To-do list' });
    await expect.poll(() => todo.textContent()).toContain('Submit the PA for D0367 (Portal)');
    expect(await todo.textContent()).toContain('Ana Ramírez');
    await h.screenshot('journey-todo-list');

    // Call 2 on the same plan: the new values are on file and confirmed with Enter, nothing read back.
    await page.keyboard.press('Alt+Digit2');
    await page.getByRole('button', { name: 'Start another call' }).click();
    await startCallThroughForm(page, { patient: 'Earlier', codes: 'D0367', dialed: '555-0142' });
    const second = await answerByKeyboard({
      rep_name: 'Lee R',
      reference_number: 'JRN-902',
      max_remaining: '1500',
      deductible_met: '0',
      frequency_used: 'n',
    });
    expect(second.readBacks).toEqual([]);
    const call2 = await num(h.db, 'SELECT max(id) AS id FROM calls');
    const comparison = async (key: string) =>
      (
        await row<{ comparison: string }>(
          h.db,
          'SELECT comparison FROM call_answers WHERE call_id = ? AND answer_key = ?',
          call2,
          key,
        )
      )?.comparison;
    expect(await comparison('deductible_individual')).toBe('confirmed');
    expect(await comparison('category@D0367')).toBe('confirmed');
    expect(await comparison('frequency@D0367')).toBe('confirmed');
    console.log(
      `journey: call 2 on the same plan: ${second.confirmedInList} answers on file confirmed in one list, ${second.asked} questions one by one (${second.confirmedWithEnter} confirmed with Enter), ${second.keystrokes} keystrokes`,
    );
    await page
      .getByRole('form', { name: 'Finish the call' })
      .getByRole('button', { name: 'Complete the call' })
      .click();
    await page.getByRole('region', { name: 'Call result' }).waitFor();
    const settled = (await page.evaluate(async (id) => window.api.plansGet({ id }), planId)) as {
      ok: true;
      value: { benefits: Record<string, { status: string; value: unknown }> };
    };
    expect(settled.value.benefits.deductibleIndividualCents).toMatchObject({
      status: 'known',
      value: 150_000,
    });

    // The PA for Ana is approved, valid through 60 days after the appointment.
    await page.keyboard.press('Alt+Digit6');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Records');
    const paRows = page.getByRole('table', { name: 'Prior authorization worklist' }).locator('tbody tr');
    const anaRow = paRows.filter({ hasText: 'Ana Ramírez' });
    await anaRow.getByRole('button', { name: 'Update' }).click();
    const paForm = page.getByRole('form', { name: 'Prior authorization for D0367' });
    await paForm.getByLabel('Status').selectOption('approved');
    // Dates typed the way the desk types them.
    await paForm.getByLabel('Submitted on').fill(formatDate(TEST_TODAY));
    await paForm.getByLabel('Authorization number').fill('AUTH-JRN-55');
    await paForm.getByLabel('Valid from').fill(formatDate(TEST_TODAY));
    const validTo = addDays(CALL_SERVICE_DATE, 60);
    await paForm.getByLabel('Valid to').fill(formatDate(validTo));
    await paForm.getByRole('button', { name: 'Save prior authorization' }).click();
    await expect.poll(() => anaRow.textContent()).toContain('Approved#AUTH-JRN-55');

    // The estimate: worked by hand from the call. Allowed $900.00 (the rep's); deductible left
    // $1,500.00 - $1,480.00 = $20.00; insurance ($900.00 - $20.00) x 50% = $440.00, within the $1,000.00
    // maximum left; write-off $1,200.00 - $900.00 = $300.00; Ana pays $1,200.00 - $440.00 - $300.00 = $460.00.
    const estimate = (await page.evaluate(
      async ({ patientId, serviceDate }) =>
        window.api.estimateSave({
          patientId,
          selfPay: false,
          lines: [{ code: 'D0367', tooth: null, serviceDate, feeCents: null }],
        }),
      { patientId: ana, serviceDate: CALL_SERVICE_DATE },
    )) as {
      ok: true;
      value: {
        id: number;
        view: {
          lines: Array<{
            insuranceCents: number;
            writeOffCents: number;
            patientCents: number;
            flags: Array<{ code: string }>;
            priorAuth: Array<{ status: string; authNumber: string; validTo: string }>;
          }>;
          coverageTotals: Array<{ maxRemainingCents: number; deductibleRemainingCents: number }>;
        };
      };
    };
    const line = estimate.value.view.lines[0]!;
    expect(line).toMatchObject({ insuranceCents: 44_000, writeOffCents: 30_000, patientCents: 46_000 });
    expect(line.priorAuth[0]).toMatchObject({ status: 'approved', authNumber: 'AUTH-JRN-55', validTo });
    expect(line.flags.map((f) => f.code)).not.toEqual(
      expect.arrayContaining(['allowed_unknown', 'max_unknown', 'prior_auth_required']),
    );
    expect(estimate.value.view.coverageTotals[0]).toMatchObject({
      maxRemainingCents: 100_000 - 44_000,
      deductibleRemainingCents: 0,
    });

    // The Spanish cost summary says the PA is approved, and gives the same amounts.
    const summaryPdf = await h.page.evaluate(async (estimateId) => {
      const r = await window.api.printCostSummaryPdf({ estimateId });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.savedTo!;
    }, estimate.value.id);
    toPng(summaryPdf, 'journey-cost-summary-es');
    const summary = pdfText(summaryPdf);
    for (const words of [
      'Ana Ramírez',
      `Autorización previa: Aprobada (n.º AUTH-JRN-55, válida hasta el ${spanishDate(validTo)})`,
      '$1,200.00',
      '$440.00',
      '$300.00',
      '$460.00',
    ])
      expect(summary, words).toContain(words);
    // Under the headline the sum reads true: fee, less the plan's discount, less what insurance pays.
    expect(summary.replace(/\s+/g, ' ')).toContain(
      'Nuestra tarifa es de $1,200.00. El descuento de su plan resta $300.00, y se espera que su seguro pague $440.00.',
    );
    expect(summary).not.toContain('aún no');
    expect(path.basename(summaryPdf)).toMatch(/^estimate-\d+\.pdf$/);
  });
});
