// A call after an eligibility file: the answers the 271 gave are on screen as known, "from the
// eligibility file of <date> (payer, trace, received)", and the rep only confirms or corrects them;
// a patient's own amounts from a fresh file are offered too. The same call without the file asks from
// scratch. Over the real services; the counts are what the note reports.
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/shared/dates/typedDate';
import type { CallView } from '../../src/shared/script/callViews';
import { openTestAppDb } from '../helpers/appDb';
import { driveCall, learningCount } from '../helpers/callDriver';
import { asFile, janeFile, LAST_PANO, seedOffice } from '../helpers/eligibilityFixtures';
import { testServices } from '../helpers/services';
import { useTempDirs } from '../helpers/tempDir';
import { daysFromToday, TEST_TODAY } from '../helpers/testClock';

const planned = [
  { code: 'D0367', tooth: null, serviceDate: daysFromToday(18) },
  { code: 'D0330', tooth: null, serviceDate: daysFromToday(18) },
];

describe('a call that starts from what the payer already sent', () => {
  const tempDir = useTempDirs();

  async function callFor(withFile: boolean) {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    const office = await seedOffice(s);
    if (withFile) {
      const file = asFile('jane.271', janeFile());
      await s.eligibility.import([file], [(await s.eligibility.preview([file])).files[0]!.members[0]!.key]);
    }
    const start = await s.calls.start({
      patientId: office.jane.patient.id,
      planId: office.plan.id,
      planned,
      dialedNumber: null,
    });
    // Note what was on screen at each question before answering it.
    const shown = new Map<string, NonNullable<CallView['current']>>();
    let view = start;
    const calls = {
      ...s.calls,
      answer: async (id: number, answer: Parameters<typeof s.calls.answer>[1]) => {
        shown.set(view.current!.key, view.current!);
        view = await s.calls.answer(id, answer);
        return view;
      },
      confirmReadBack: async (id: number, key: string) => (view = await s.calls.confirmReadBack(id, key)),
    };
    const done = await driveCall(calls as typeof s.calls, start);
    return { done, shown, s, office };
  }

  it('shows the file’s answers as known, with their source, and the rep confirms them', async () => {
    const { done, shown } = await callFor(true);
    const source = `from the eligibility file of ${formatDate(daysFromToday(-1))} (SYNTHETIC DENTAL PLAN (TEST ONLY), trace SYNTH-TRACE-0001, received ${formatDate(TEST_TODAY)})`;
    const known = (key: string) => shown.get(key)!.known;
    expect(known('annual_max')).toMatchObject({
      answer: { type: 'money', value: 150_000 },
      text: '$1,500.00',
      source,
      status: 'known',
    });
    // The member's own amounts from a fresh file are offered too (a patient's answer is otherwise asked again).
    expect(known('max_remaining')).toMatchObject({ answer: { type: 'money', value: 120_000 }, source });
    expect(known('deductible_met')).toMatchObject({ answer: { type: 'money', value: 2_500 }, source });
    expect(known('plan_type')).toMatchObject({ answer: { type: 'choice', value: 'ppo' }, text: 'PPO' });
    expect(known('benefit_year_start')).toMatchObject({ answer: { type: 'choice', value: '1' } });
    expect(known('payer_notes')!.text).toBe('DEDUCTIBLE WAIVED FOR DIAGNOSTIC AND PREVENTIVE (SYNTHETIC)');
    expect(known('coverage_percent@D0367')).toMatchObject({
      answer: { type: 'percent', value: 5000 },
      text: '50%',
    });
    expect(known('prior_auth@D0367')).toMatchObject({ answer: { type: 'choice', value: 'required' } });
    expect(known('frequency@D0367')!.text).toBe('1 per lifetime');
    expect(known('frequency@D0330')!.text).toBe('1 per 60 months');
    expect(known('last_service_date@D0330')).toMatchObject({
      answer: { type: 'date', value: LAST_PANO },
      text: formatDate(LAST_PANO),
      source,
    });
    expect(known('limitations@D0330')!.text).toBe(
      'PANORAMIC AND FULL MOUTH SERIES SHARE ONE FREQUENCY (SYNTHETIC)',
    );
    // The rep confirmed: every answer the file gave is recorded as confirmed, none changed.
    const byKey = new Map(done.answers.map((a) => [a.key, a]));
    for (const key of [
      'annual_max',
      'max_remaining',
      'deductible_met',
      'coverage_percent@D0367',
      'last_service_date@D0330',
    ])
      expect(byKey.get(key)!.comparison, key).toBe('confirmed');
    expect(byKey.get('annual_max')!.onFile).toEqual({ text: '$1,500.00', source });
  });

  it('asks fewer questions from scratch than the same call without the file', async () => {
    const plain = (await callFor(false)).done;
    const filed = (await callFor(true)).done;
    const without = learningCount(plain);
    const withFile = learningCount(filed);
    // The numbers the note reports (two codes, D0367 and D0330, the default dental script).
    console.log(
      `from scratch without the file: ${without.fromScratch} of ${plain.answers.length}; with it: ${withFile.fromScratch} of ${filed.answers.length}, ${withFile.confirmed} confirmed`,
    );
    console.log(
      'confirmed from the file:',
      filed.answers
        .filter((a) => a.comparison === 'confirmed')
        .map((a) => a.key)
        .join(' '),
    );
    expect(without).toEqual({ fromScratch: 53, confirmed: 0, changed: 0 });
    expect(withFile).toEqual({ fromScratch: 38, confirmed: 15, changed: 0 });
  });
});
