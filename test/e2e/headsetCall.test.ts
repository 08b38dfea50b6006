// A coordinator on a headset, keyboard only, at 1366x768: a first call on a plan (with a hold that
// outlasts the automatic lock), then a second call on the same plan that confirms what is on file in
// one step, each from the navigation key to the printed verification record; then a third call where
// the rep corrects one answer from the list and the call drops. No mouse: every step is a key, focus
// never falls to the page, and the keys and seconds of the second call are counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { startHarness, SCREENSHOT_DIR, type Harness } from './harness';
import { setSyntheticOffice } from './officeHeader';
import { pdfText } from './pdf';
import { CALL_SERVICE_DATE } from './startCallForm';
import { num, row } from '../helpers/sqlRows';

const PHONE = '555-0177';
const GROUP = 'GRP-HEADSET-3';

/** What the rep says on the first call, by question (text typed, or the key pressed). */
const FIRST: Record<string, string> = {
  rep_name: 'Denise K',
  reference_number: 'HS-1001',
  plan_type: '1',
  network_status: '1',
  benefit_year_start: '1',
  other_coverage: '',
  annual_max: '1500',
  max_remaining: '1200',
  deductible_individual: '50',
  deductible_family: '150',
  deductible_met: '0',
  deductible_for_imaging: 'y',
  waiting_period: 'n',
  covered: 'y',
  coverage_percent: '50',
  category: '4',
  allowed_fee: '950',
  frequency: '1 per 36 months shared with D0330',
  last_service_date: '',
  frequency_used: 'n',
  limitations: 'Narrative required',
  cbct_field_of_view: '3',
  cbct_capture_only: 'n',
  prior_auth: '1',
  pa_method: '1',
  pa_contact: 'Payer portal, imaging tab',
  pa_attachments: 'Narrative and pano',
  pa_turnaround: '10 business days',
  pa_validity: '180 days',
  pa_guarantee: 'n',
  claim_details: 'Attach the report',
  payer_notes: 'None',
};
/** The second call: only this patient's questions and the call's own are asked one by one. */
const SECOND: Record<string, string> = {
  rep_name: 'Lee R',
  reference_number: 'HS-2002',
  other_coverage: '',
  max_remaining: '1500',
  deductible_met: '0',
  last_service_date: '',
  frequency_used: 'n',
};

interface Tally {
  keys: number;
  tabs: number;
  typed: number;
}

describe('the call screen for a person on a headset', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await setSyntheticOffice(h);
    await h.page.setViewportSize({ width: 1366, height: 768 });
    await h.page.evaluate(
      async ({ phone, group }) => {
        const ok = <T>(r: { ok: boolean; value?: T; error?: { message: string } }) => {
          if (!r.ok) throw new Error(r.error!.message);
          return r.value as T;
        };
        const api = window.api;
        const payer = ok(
          await api.payersSave({
            id: null,
            payer: {
              name: 'Fictional Headset Dental (test)',
              electronicPayerId: null,
              phoneBenefits: phone,
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
              name: 'Headset PPO',
              groupNumber: group,
              employerName: null,
              planType: 'ppo',
              notes: null,
            },
          }),
        ) as { id: number };
        for (const [first, last, relationship] of [
          ['Hana', 'Firstcaller', 'self'],
          ['Omar', 'Secondcaller', 'self'],
          ['Lia', 'Thirdcaller', 'child'],
        ] as const) {
          const p = ok(
            await api.patientsSave({
              id: null,
              patient: {
                firstName: first,
                lastName: last,
                dob: '2011-07-09',
                preferredLanguage: 'en',
                phone: null,
              },
            }),
          ) as { id: number };
          ok(
            await api.coveragesSave({
              id: null,
              coverage: {
                patientId: p.id,
                planId: plan.id,
                ordinal: 1,
                memberId: `HS${p.id}0042`,
                subscriberName: relationship === 'self' ? `${first} ${last}` : `Sam ${last}`,
                subscriberDob: relationship === 'self' ? '2011-07-09' : '1980-03-14',
                relationship,
                effectiveDate: null,
                terminationDate: null,
                maxUsedCents: null,
                maxUsedStatedOn: null,
                deductibleMetCents: null,
                deductibleMetStatedOn: null,
              },
            }),
          );
        }
      },
      { phone: PHONE, group: GROUP },
    );
  });
  afterAll(async () => {
    await h.close();
  });

  const page = () => h.page;
  const question = () => h.page.getByRole('region', { name: 'Current question' });
  const onFileList = () => h.page.getByRole('region', { name: 'Plan answers on file' });
  const readBack = () => h.page.getByRole('alertdialog', { name: 'Read the changed answer back' });
  const heading = () => h.page.locator('h1').first().textContent();

  let tally: Tally = { keys: 0, tabs: 0, typed: 0 };
  const press = async (key: string) => {
    await h.page.keyboard.press(key);
    tally.keys++;
    if (key === 'Tab') tally.tabs++;
  };
  const type = async (text: string) => {
    await h.page.keyboard.type(text);
    tally.keys += text.length;
    tally.typed += text.length;
  };
  /** Where focus is: never the page itself, never the navigation (keys must land in the work). */
  const focus = () =>
    h.page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return {
        id: a?.id ?? '',
        tag: a?.tagName ?? '',
        text: (a?.textContent ?? '').trim(),
        inMain: Boolean(a?.closest('main')),
        question: Boolean(a?.closest('[aria-label="Current question"], [aria-label="Plan answers on file"]')),
      };
    });
  const expectFocusInWork = async () => {
    const f = await focus();
    expect(f.tag, JSON.stringify(f)).not.toBe('BODY');
    expect(f.inMain, JSON.stringify(f)).toBe(true);
    return f;
  };

  /** Screenshots of the viewport (what is above the fold) at both sizes, back to 1366x768 after. */
  async function shoot(name: string) {
    const p = h.page;
    for (const [width, height] of [
      [1920, 1080],
      [1366, 768],
    ] as const) {
      await p.setViewportSize({ width, height });
      await p.screenshot({ path: `${SCREENSHOT_DIR}/headset-${name}-${width}.png` });
    }
  }

  /** At 1366x768 the question, rep, reference, hold and "The call dropped" are on screen unscrolled. */
  async function expectAlwaysVisible() {
    const p = h.page;
    const inView = async (locator: ReturnType<typeof p.locator>, what: string) => {
      const box = await locator.boundingBox();
      expect(box, what).not.toBeNull();
      expect(box!.y + box!.height, what).toBeLessThanOrEqual(768);
    };
    await inView(p.locator('[data-question-focus]').first(), 'the question');
    await inView(p.locator('#call-repName'), "the rep's name");
    await inView(p.locator('#call-referenceNumber'), 'the reference number');
    await inView(p.getByRole('button', { name: /The call dropped/ }), 'The call dropped');
    await inView(p.getByRole('button', { name: /On hold|The rep is back/ }), 'hold');
    expect(await p.evaluate(() => window.scrollY)).toBe(0);
  }

  /** Picks the patient, codes and date from the keyboard; the number dialled comes from the payer. */
  async function startCall(patient: string) {
    const f = await expectFocusInWork();
    expect(f.id).toBe('call-patient');
    await type(patient);
    await expect.poll(() => h.page.locator('[role="option"]').first().textContent()).toContain(patient);
    await press('Enter');
    await expect.poll(async () => (await focus()).id).toBe('call-codes');
    await type('D0367');
    await press('Tab');
    expect((await focus()).id).toBe('call-date');
    await type(CALL_SERVICE_DATE);
    expect(await h.page.locator('#call-dialed').inputValue()).toBe(PHONE);
    await press('Enter');
    await question().waitFor();
    expect((await focus()).question).toBe(true);
  }

  /**
   * Answers from the keyboard until the finish form: `keys` by question, Enter for what is on file, Y
   * or 1 otherwise; the on-file list is confirmed with Enter unless `listKeys` says otherwise. After every
   * hand-off, focus is in the question.
   */
  async function answerAll(
    keys: Record<string, string>,
    options: { stopAt?: string; onList?: () => Promise<void> } = {},
  ) {
    const asked: string[] = [];
    let listed = 0;
    for (let guard = 0; guard < 120; guard++) {
      if (await onFileList().isVisible()) {
        listed += Number(await onFileList().getAttribute('data-count'));
        if (options.onList) await options.onList();
        else await press('Enter');
        await onFileList().waitFor({ state: 'hidden' });
        await expectFocusInWork();
        continue;
      }
      if (!(await question().isVisible())) break;
      const q = question();
      const step = (await q.getAttribute('data-step'))!;
      if (step === options.stopAt) break;
      const key = await q.getAttribute('data-key');
      const type_ = (await q.getAttribute('data-type'))!;
      const known = (await q.getAttribute('data-known')) === 'confirm';
      asked.push(key!);
      const planned = keys[step];
      const typed = type_ !== 'yes_no_unknown' && type_ !== 'choice';
      if (planned !== undefined && typed) {
        await type(planned);
        await press('Enter');
      } else if (planned !== undefined) await press(planned);
      else if (known) await press('Enter');
      else await press(type_ === 'yes_no_unknown' ? 'y' : type_ === 'choice' ? '1' : 'Enter');
      await expect
        .poll(async () =>
          (await readBack().isVisible())
            ? 'read back'
            : (await onFileList().isVisible())
              ? 'list'
              : (await question().isVisible())
                ? await question().getAttribute('data-key')
                : 'finished',
        )
        .not.toBe(key);
      if (await readBack().isVisible()) {
        expect((await focus()).tag).toBe('DIV');
        await press('Enter');
        await readBack().waitFor({ state: 'hidden' });
      }
      await expectFocusInWork();
    }
    return { asked, listed };
  }

  /** Completes with Alt+C, saves the record with Alt+S; returns the record's words. */
  async function completeAndSaveRecord(): Promise<string> {
    const f = await expectFocusInWork();
    expect(f.id).toBe('call-next');
    await press('Alt+KeyC');
    const result = h.page.getByRole('region', { name: 'Call result' });
    await result.waitFor();
    await expect.poll(async () => (await focus()).text).toContain('Start another call');
    const saved = h.saved.length;
    await press('Alt+KeyS');
    await expect.poll(() => h.saved.length, { timeout: 20_000 }).toBe(saved + 1);
    return pdfText(h.saved.at(-1)!);
  }

  it('a first call, by keyboard, with a hold the automatic lock comes during', async () => {
    const p = page();
    tally = { keys: 0, tabs: 0, typed: 0 };
    await press('Alt+Digit2');
    await expect.poll(heading).toBe('Verification call');
    await startCall('Firstcaller');
    // The header holds what the rep asks for; each is copied with one key.
    const ids = p.getByRole('definition');
    expect(await p.locator('.call-ids').textContent()).toContain(`Member ID`);
    expect(await p.locator('.call-ids').textContent()).toContain(GROUP);
    expect(await p.locator('.call-ids').textContent()).toContain('1234567893');
    expect(await p.locator('.call-ids').textContent()).toContain('12-3456789');
    expect(await p.locator('.call-ids').textContent()).toContain(PHONE);
    expect(await ids.count()).toBeGreaterThan(5);
    await press('Control+Digit3');
    await expect.poll(() => h.copied.at(-1)).toMatch(/^HS\d+0042$/);
    await press('Control+Digit6');
    await expect.poll(() => h.copied.at(-1)).toBe(GROUP);
    await expectAlwaysVisible();
    await shoot('first-question');

    // The rep's name and reference, then a hold. The answers list says what each answer is, and keeps
    // the question as put to the rep for a mouse pointer.
    await answerAll(FIRST, { stopAt: 'member_found' });
    const answers = p.getByRole('region', { name: 'Answers so far' }).locator('li');
    expect(await answers.first().textContent()).toMatch(/^Rep Denise K/);
    expect(await answers.first().getAttribute('title')).toBe('What is your name?');
    expect(await answers.nth(1).textContent()).toMatch(/^Reference HS-1001/);
    const heldAt = await question().getAttribute('data-key');
    await press('Alt+KeyH');
    await expect.poll(() => p.getByRole('status', { name: 'On hold' }).isVisible()).toBe(true);
    // On hold shows everywhere: on another screen the navigation says so, Alt+H brings the call back.
    expect(await p.locator('.call-header').getAttribute('class')).toContain('on-hold');
    await expectAlwaysVisible();
    await shoot('on-hold');
    await press('Alt+Digit6');
    await expect.poll(heading).toBe('Records');
    const nav = p.getByRole('button', { name: 'Call on hold: back to the call' });
    expect(await nav.textContent()).toContain('On hold');
    expect(await nav.textContent()).toContain('Hana Firstcaller');
    await h.screenshot('headset-nav-on-hold');
    await press('Alt+Digit2');
    await expect.poll(heading).toBe('Verification call');
    await expect.poll(async () => (await focus()).question).toBe(true);

    // Ten minutes of hold music: the automatic lock comes as always (main's clock and the page's).
    h.advanceClock(10 * 60_000 + 5_000);
    await p.clock.fastForward(10 * 60_000 + 5_000);
    await expect.poll(heading, { timeout: 20_000 }).toBe('VerifyDesk is locked');
    const lockScreen = (await p.locator('body').textContent()) ?? '';
    expect(lockScreen).toContain('A call is on hold');
    for (const secret of ['Firstcaller', 'HS', GROUP, 'D0367']) expect(lockScreen).not.toContain(secret);
    expect(await p.getByRole('status', { name: 'A call is on hold' }).textContent()).toMatch(/: 10:\d\d/);
    await shoot('locked-on-hold');
    // The rep comes back: the password, then Alt+H unlocks and ends the hold, at the same question.
    expect((await focus()).id).toBe('session-password');
    await type(TEST_ADMIN.password);
    await press('Alt+KeyH');
    await question().waitFor();
    expect(await question().getAttribute('data-key')).toBe(heldAt);
    await expect.poll(async () => (await focus()).question).toBe(true);
    await expect.poll(() => p.getByRole('status', { name: 'On hold' }).count()).toBe(0);
    const hold = (await row<{ s: string; e: string | null }>(
      h.db,
      `SELECT started_at AS s, ended_at AS e FROM call_holds WHERE call_id = (SELECT max(id) FROM calls)`,
    ))!;
    expect(hold.e).not.toBeNull();
    expect(Date.parse(hold.e!) - Date.parse(hold.s)).toBeGreaterThanOrEqual(10 * 60_000);

    const first = await answerAll(FIRST);
    expect(first.listed).toBe(0);
    await expectAlwaysVisible();
    const record = await completeAndSaveRecord();
    await shoot('complete');
    for (const words of [
      'Hana Firstcaller',
      'Denise K',
      'HS-1001',
      `group ${GROUP}`,
      'What is the annual maximum? $1,500.00 (new)',
      '1 per 36 months (shared with D0330)',
    ])
      expect(record, words).toContain(words);
    // Alt+P sends it to the printer.
    await press('Alt+KeyP');
    await expect.poll(() => h.printed.at(-1)).toMatch(/^print\/verification-record\/\d+$/);
    console.log(
      `headset: call 1 (nothing on file): ${first.asked.length + 2} questions one by one, ${tally.keys} keys (${tally.tabs} Tab, ${tally.typed} typed), password and hold included`,
    );
  });

  it('a second call on the same plan: what is on file confirmed in one step, counted in keys and seconds', async () => {
    await press('Alt+Digit8');
    await expect.poll(heading).toBe('To-do');
    tally = { keys: 0, tabs: 0, typed: 0 };
    const started = performance.now();
    await press('Alt+Digit2');
    await expect.poll(heading).toBe('Verification call');
    await expect.poll(async () => (await focus()).text).toContain('Start another call');
    await press('Alt+KeyN');
    await expect.poll(async () => (await focus()).id).toBe('call-patient');
    await startCall('Secondcaller');
    let shotList = false;
    const second = await answerAll(SECOND, {
      onList: async () => {
        if (!shotList) {
          shotList = true;
          await expectAlwaysVisible();
          await shoot('known-answers-list');
        }
        await press('Enter');
      },
    });
    const record = await completeAndSaveRecord();
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `headset: call 2 on a known plan: ${second.listed} answers on file confirmed in one step, ${second.asked.length} questions one by one; ${tally.keys} keys (${tally.tabs} Tab, ${tally.typed} typed), ${seconds.toFixed(1)} s from Alt+2 to the saved record`,
    );
    // Every answer confirmed from the list is on the record as a confirmation of its own.
    const call2 = await num(h.db, 'SELECT max(id) AS id FROM calls');
    const confirmed = await num(
      h.db,
      `SELECT count(*) AS n FROM call_answers WHERE call_id = ? AND comparison = 'confirmed'`,
      call2,
    );
    expect(confirmed).toBeGreaterThanOrEqual(second.listed);
    for (const words of [
      'Omar Secondcaller',
      'Lee R',
      'What is the annual maximum? $1,500.00 (confirmed)',
      'D0367: Is D0367 covered? Yes (confirmed)',
      'is the limit shared with the pano or full series? 1 per 36 months (shared with D0330) (confirmed)',
    ])
      expect(record, words).toContain(words);
    expect(second.listed).toBeGreaterThan(20);
    // One step for the list and only this patient's questions and the call's own one by one.
    expect(second.asked.length).toBeLessThanOrEqual(12);
    expect(tally.tabs).toBe(1);
  });

  it('a correction from the list is asked alone and read back; the call drops with Alt+D', async () => {
    const p = page();
    await press('Alt+KeyN');
    await startCall('Thirdcaller');
    // The subscriber is the parent: the header says whose coverage it is.
    expect(await p.locator('.call-ids').textContent()).toContain('Sam Thirdcaller (parent)');
    await answerAll(
      { rep_name: 'Kim P', reference_number: 'HS-3003' },
      {
        onList: async () => {
          // The rep says the annual maximum changed: down to it, Space, then Enter confirms the rest.
          const keys = await onFileList()
            .locator('li[data-key]')
            .evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
          for (let i = 0; i < keys.indexOf('annual_max'); i++) await press('ArrowDown');
          await press('Space');
          expect(await onFileList().locator('li.ask-again').getAttribute('data-key')).toBe('annual_max');
          await press('Enter');
        },
        stopAt: 'annual_max',
      },
    );
    // Asked alone, with what is on file: the known-answer question.
    expect(await question().getAttribute('data-known')).toBe('confirm');
    expect(await question().textContent()).toContain('$1,500.00');
    await expectAlwaysVisible();
    await shoot('known-answer');
    await type('2000');
    await press('Enter');
    await readBack().waitFor();
    expect(await readBack().textContent()).toContain('the rep now says $2,000.00. It was $1,500.00');
    await press('Enter');
    await readBack().waitFor({ state: 'hidden' });
    await expectFocusInWork();
    // The call drops: Alt+D asks once, Esc goes back to the question, Enter saves it as partial.
    await press('Alt+KeyD');
    const drop = p.getByRole('alertdialog', { name: 'The call dropped?' });
    await drop.waitFor();
    await press('Escape');
    await drop.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await focus()).question).toBe(true);
    await press('Alt+KeyD');
    await drop.waitFor();
    await press('Enter');
    const result = p.getByRole('region', { name: 'Call result' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Call dropped: saved as partly verified');
    await expect.poll(async () => (await focus()).text).toContain('Start another call');
    const changed = (await row<{ comparison: string; readBack: string | null }>(
      h.db,
      `SELECT a.comparison, r.confirmed_at AS "readBack" FROM call_answers a
         LEFT JOIN call_read_backs r ON r.answer_id = a.id
       WHERE a.answer_key = 'annual_max' AND a.call_id = (SELECT max(id) FROM calls)`,
    ))!;
    expect(changed.comparison).toBe('changed');
    expect(changed.readBack).not.toBeNull();
  });
});
