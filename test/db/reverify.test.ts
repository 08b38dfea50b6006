// The re-verify worklist over real tables: appointments come from planned codes on calls and on saved
// insurance estimates; only those needing a (new) verification are listed, soonest first.
import { describe, expect, it } from 'vitest';
import { openTestAppDb } from '../helpers/appDb';
import { driveCall } from '../helpers/callDriver';
import { coverageInput, patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { atNoon, daysFromToday, fixedClock, testYear } from '../helpers/testClock';
import { asFile, FILE_DAY, janeFile, seedOffice, VISIT_DAY } from '../helpers/eligibilityFixtures';
import { testServices } from '../helpers/services';

describe('re-verify worklist', () => {
  const tempDir = useTempDirs();

  it('lists unverified and renewal-crossing appointments, not verified, past or self-pay ones', async () => {
    // The plan year's renewal on January 1 is the point: the clock is set to November 22 of the tests'
    // year, so the call driver's dates (relative to the tests' day) stay in the past where they must.
    const on = (years: number, monthDay: string) => `${testYear(years)}-${monthDay}`;
    const { db, now } = await openTestAppDb(tempDir, fixedClock(atNoon(on(0, '11-22'))));
    const deps = { db, now, actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const calls = testServices(deps.db, deps.now).calls;
    const estimates = testServices(deps.db, deps.now).estimates;
    const reverify = testServices(db, now).reverify;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const cover = async (firstName: string) => {
      const p = await patients.save(null, patientInput({ firstName, lastName: 'Synthpatient' }));
      await patients.saveCoverage(
        null,
        coverageInput(p.id, plan.id, {
          memberId: 'SYN000111',
          subscriberName: `${firstName} Synthpatient`,
          subscriberDob: '1980-05-05',
        }),
      );
      return p.id;
    };
    const ann = await cover('Ann');
    const ben = await cover('Ben');
    const line = (code: string, serviceDate: string) => ({
      code,
      tooth: null,
      serviceDate,
      feeCents: 10_000,
    });

    // Ann: an insurance estimate, never a call. A self-pay estimate and a past date are not appointments
    // to verify.
    await estimates.save({ patientId: ann, selfPay: false, lines: [line('D0367', on(1, '01-15'))] });
    await estimates.save({ patientId: ann, selfPay: true, lines: [line('D0330', on(1, '02-01'))] });
    await estimates.save({ patientId: ann, selfPay: false, lines: [line('D0330', on(0, '11-01'))] });

    // Ben: verified today for December and January; the plan year (calendar) renews before January.
    const call = await driveCall(
      calls,
      await calls.start({
        patientId: ben,
        planId: plan.id,
        planned: [
          { code: 'D0367', tooth: null, serviceDate: on(0, '12-10') },
          { code: 'D0330', tooth: null, serviceDate: on(1, '01-05') },
        ],
        dialedNumber: null,
      }),
    );
    await calls.complete(call.id, {
      nextAction: 'Tell the patient',
      nextActionDue: on(0, '11-23'),
      reverifyDate: on(0, '12-20'),
    });

    const list = await reverify.worklist();
    expect(list.map((i) => [i.patientName, i.serviceDate, i.codes, i.reasons])).toEqual([
      ['Ben Synthpatient', on(1, '01-05'), ['D0330'], ['renewal']],
      ['Ann Synthpatient', on(1, '01-15'), ['D0367'], ['missing']],
    ]);
    expect(list[0]!.verifiedOn).toBe(on(0, '11-22'));
    expect(list[1]!.verifiedOn).toBeNull();
  });

  it('a fresh 271 counts as eligibility checked, but the appointment still needs a call for its codes', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    const office = await seedOffice(s);
    await s.estimates.save({
      patientId: office.jane.patient.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: VISIT_DAY, feeCents: 120_000 }],
    });
    const row = async () =>
      (await s.reverify.worklist()).find((i) => i.patientId === office.jane.patient.id)!;
    expect(await row()).toMatchObject({ reasons: ['missing'], verifiedOn: null, eligibilityCheckedOn: null });

    const file = asFile('jane.271', janeFile(FILE_DAY));
    await s.eligibility.import([file], [(await s.eligibility.preview([file])).files[0]!.members[0]!.key]);
    expect(await row()).toMatchObject({
      reasons: ['codes_unconfirmed'],
      verifiedOn: null,
      eligibilityCheckedOn: FILE_DAY,
    });
    // The to-do list says why, in the same words.
    expect(
      (await s.todos.list({})).find((t) => t.kind === 'reverify' && t.patientId === office.jane.patient.id)!
        .detail,
    ).toBe('Eligibility checked from a 271 file; the codes still need a call');
  });

  it('a 271 older than the eligibility window no longer counts', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    const office = await seedOffice(s);
    await s.estimates.save({
      patientId: office.jane.patient.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(20), feeCents: 120_000 }],
    });
    const file = asFile('jane.271', janeFile(daysFromToday(-31)));
    await s.eligibility.import([file], [(await s.eligibility.preview([file])).files[0]!.members[0]!.key]);
    expect((await s.reverify.worklist())[0]).toMatchObject({
      reasons: ['missing'],
      eligibilityCheckedOn: null,
    });
  });
});
