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

  it('lists unverified and renewal-crossing appointments, not verified, past or self-pay ones', () => {
    // The plan year's renewal on January 1 is the point: the clock is set to November 22 of the tests'
    // year, so the call driver's dates (relative to the tests' day) stay in the past where they must.
    const on = (years: number, monthDay: string) => `${testYear(years)}-${monthDay}`;
    const { db, now } = openTestAppDb(tempDir, fixedClock(atNoon(on(0, '11-22'))));
    const deps = { db, now, actor: () => 'Test User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const calls = testServices(deps.db, deps.now).calls;
    const estimates = testServices(deps.db, deps.now).estimates;
    const reverify = testServices(db, now).reverify;
    const plan = policies.savePlan(null, planInput(policies.savePayer(null, payerInput()).id));
    const cover = (firstName: string) => {
      const p = patients.save(null, patientInput({ firstName, lastName: 'Synthpatient' }));
      patients.saveCoverage(
        null,
        coverageInput(p.id, plan.id, {
          memberId: 'SYN000111',
          subscriberName: `${firstName} Synthpatient`,
          subscriberDob: '1980-05-05',
        }),
      );
      return p.id;
    };
    const ann = cover('Ann');
    const ben = cover('Ben');
    const line = (code: string, serviceDate: string) => ({
      code,
      tooth: null,
      serviceDate,
      feeCents: 10_000,
    });

    // Ann: an insurance estimate, never a call. A self-pay estimate and a past date are not appointments
    // to verify.
    estimates.save({ patientId: ann, selfPay: false, lines: [line('D0367', on(1, '01-15'))] });
    estimates.save({ patientId: ann, selfPay: true, lines: [line('D0330', on(1, '02-01'))] });
    estimates.save({ patientId: ann, selfPay: false, lines: [line('D0330', on(0, '11-01'))] });

    // Ben: verified today for December and January; the plan year (calendar) renews before January.
    const call = driveCall(
      calls,
      calls.start({
        patientId: ben,
        planId: plan.id,
        planned: [
          { code: 'D0367', tooth: null, serviceDate: on(0, '12-10') },
          { code: 'D0330', tooth: null, serviceDate: on(1, '01-05') },
        ],
        dialedNumber: null,
      }),
    );
    calls.complete(call.id, {
      nextAction: 'Tell the patient',
      nextActionDue: on(0, '11-23'),
      reverifyDate: on(0, '12-20'),
    });

    const list = reverify.worklist();
    expect(list.map((i) => [i.patientName, i.serviceDate, i.codes, i.reasons])).toEqual([
      ['Ben Synthpatient', on(1, '01-05'), ['D0330'], ['renewal']],
      ['Ann Synthpatient', on(1, '01-15'), ['D0367'], ['missing']],
    ]);
    expect(list[0]!.verifiedOn).toBe(on(0, '11-22'));
    expect(list[1]!.verifiedOn).toBeNull();
  });

  it('a fresh 271 counts as eligibility checked, but the appointment still needs a call for its codes', () => {
    const { db, now } = openTestAppDb(tempDir);
    const s = testServices(db, now);
    const office = seedOffice(s);
    s.estimates.save({
      patientId: office.jane.patient.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: VISIT_DAY, feeCents: 120_000 }],
    });
    const row = () => s.reverify.worklist().find((i) => i.patientId === office.jane.patient.id)!;
    expect(row()).toMatchObject({ reasons: ['missing'], verifiedOn: null, eligibilityCheckedOn: null });

    const file = asFile('jane.271', janeFile(FILE_DAY));
    s.eligibility.import([file], [s.eligibility.preview([file]).files[0]!.members[0]!.key]);
    expect(row()).toMatchObject({
      reasons: ['codes_unconfirmed'],
      verifiedOn: null,
      eligibilityCheckedOn: FILE_DAY,
    });
    // The to-do list says why, in the same words.
    expect(
      s.todos.list({}).find((t) => t.kind === 'reverify' && t.patientId === office.jane.patient.id)!.detail,
    ).toBe('Eligibility checked from a 271 file; the codes still need a call');
  });

  it('a 271 older than the eligibility window no longer counts', () => {
    const { db, now } = openTestAppDb(tempDir);
    const s = testServices(db, now);
    const office = seedOffice(s);
    s.estimates.save({
      patientId: office.jane.patient.id,
      selfPay: false,
      lines: [{ code: 'D0367', tooth: null, serviceDate: daysFromToday(20), feeCents: 120_000 }],
    });
    const file = asFile('jane.271', janeFile(daysFromToday(-31)));
    s.eligibility.import([file], [s.eligibility.preview([file]).files[0]!.members[0]!.key]);
    expect(s.reverify.worklist()[0]).toMatchObject({ reasons: ['missing'], eligibilityCheckedOn: null });
  });
});
