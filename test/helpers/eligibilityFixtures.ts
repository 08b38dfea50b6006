// Synthetic 271 files dated by the test clock, and the office records they are about: the domain note's
// sample for Jane, and a family file from the same payer with several patients, a dependent whose
// coverage ended, a member not on file, a name spelled another way, a group number that differs and a
// rejection (subscriber not found). Every person, member ID and payer is invented.
import type { EligibilityFileInput } from '../../src/shared/eligibility/eligibilityViews';
import type { TestServices } from './services';
import { daysFromToday, monthsFromToday, testYear, yearStart } from './testClock';
import { dependent, interchange, payerAndOffice, sampleBenefits, subscriber } from './x12Builder';

export const asFile = (
  fileName: string,
  text: string,
  coinsurance: EligibilityFileInput['coinsurance'] = 'payer_setting',
): EligibilityFileInput => ({
  fileName,
  contentBase64: Buffer.from(text, 'latin1').toString('base64'),
  coinsurance,
});

/**
 * A file and an appointment in the same benefit year as today (calendar year), whatever day the tests
 * run on: near New Year a file from last week and a visit three weeks out would be in different years,
 * and a file from before the renewal rightly says nothing about the new year.
 */
export const FILE_DAY = daysFromToday(-2) < yearStart(0) ? yearStart(0) : daysFromToday(-2);
export const VISIT_DAY = daysFromToday(20) < yearStart(1) ? daysFromToday(20) : `${testYear()}-12-31`;

/** D0330 (pano) last done 20 months ago, so 1 per 60 months is used up for 40 more. */
export const LAST_PANO = monthsFromToday(-20);

export function janeFile(date = daysFromToday(-1), control = '905'): string {
  return interchange(
    [
      [
        ...payerAndOffice(),
        ...subscriber({
          hl: 3,
          last: 'TESTPATIENT',
          first: 'JANE',
          memberId: 'SYN000111',
          dob: '1980-01-01',
          group: 'GRP-TEST-42',
          planBegin: yearStart(0),
          trace: 'SYNTH-TRACE-0001',
          benefits: sampleBenefits(LAST_PANO),
        }),
      ],
    ],
    { date, control },
  );
}

export function familyFile(date = daysFromToday(-1)): string {
  const active = (max: string) => [
    'EB*1*IND*35*PR',
    'EB*F*IND*35***23*1500*****Y',
    `EB*F*IND*35***29*${max}*****Y`,
  ];
  return interchange(
    [
      [
        ...payerAndOffice(),
        ...subscriber({
          hl: 3,
          last: 'SYNTHMOTHER',
          first: 'ROSA',
          memberId: 'SMD-4410',
          dob: '1984-07-14',
          group: 'GRP-TEST-42',
          planBegin: yearStart(-1),
          trace: 'SYNTH-TRACE-0101',
          hasDependents: true,
          benefits: active('900'),
        }),
        ...dependent(3, {
          hl: 4,
          last: 'SYNTHMOTHER',
          first: 'TEO',
          dob: '2013-03-03',
          trace: 'SYNTH-TRACE-0102',
          benefits: ['EB*6*IND*35', `DTP*357*D8*${daysFromToday(-30).replace(/-/g, '')}`],
        }),
        ...subscriber({
          hl: 5,
          last: 'NOTONFILE',
          first: 'OMAR',
          memberId: 'SYN000222',
          dob: '1990-10-10',
          trace: 'SYNTH-TRACE-0103',
          benefits: active('1500'),
        }),
        ...subscriber({
          hl: 6,
          last: 'SPELLING',
          first: 'KIMBERLEY',
          memberId: 'SYN000333',
          dob: '1975-05-05',
          group: 'GRP-TEST-42',
          trace: 'SYNTH-TRACE-0104',
          benefits: active('1000'),
        }),
        ...subscriber({
          hl: 7,
          last: 'GROUPDIFF',
          first: 'LI',
          memberId: 'SYN000444',
          dob: '1988-08-08',
          group: 'GRP-OTHER-1',
          trace: 'SYNTH-TRACE-0105',
          benefits: active('1400'),
        }),
        ...subscriber({
          hl: 8,
          last: 'TESTPATIENT',
          first: 'JANE',
          memberId: 'SYN000999',
          dob: '1980-01-01',
          trace: 'SYNTH-TRACE-0106',
          extra: ['AAA*N**75*C'],
        }),
      ],
    ],
    { date, control: '907', reference: 'SYNTH-BATCH-0107' },
  );
}

/** The payer, its PPO, and the patients the files name (with the coverage each has on file). */
export async function seedOffice(s: TestServices) {
  const payer = await s.policies.savePayer(null, {
    name: 'Synthetic Dental Plan (test only)',
    electronicPayerId: '99999',
    phoneBenefits: '555-0100',
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
    name: 'Synthetic Dental PPO',
    groupNumber: 'GRP-TEST-42',
    employerName: null,
    planType: 'ppo',
    notes: null,
  });
  const person = async (
    firstName: string,
    lastName: string,
    dob: string,
    memberId: string,
    relationship: 'self' | 'child' = 'self',
    subscriberName = `${firstName} ${lastName}`,
  ) => {
    const p = await s.patients.save(null, { firstName, lastName, dob, preferredLanguage: 'en', phone: null });
    const withCoverage = await s.patients.saveCoverage(null, {
      patientId: p.id,
      planId: plan.id,
      ordinal: 1,
      memberId,
      subscriberName,
      subscriberDob: relationship === 'self' ? dob : '1984-07-14',
      relationship,
      effectiveDate: null,
      terminationDate: null,
      maxUsedCents: null,
      maxUsedStatedOn: null,
      deductibleMetCents: null,
      deductibleMetStatedOn: null,
    });
    return { patient: withCoverage, coverage: withCoverage.coverages[0]! };
  };
  return {
    payer,
    plan,
    jane: await person('Jane', 'Testpatient', '1980-01-01', 'SYN000111'),
    rosa: await person('Rosa', 'Synthmother', '1984-07-14', 'SMD-4410'),
    teo: await person('Teo', 'Synthmother', '2013-03-03', 'SMD-4410', 'child', 'Rosa Synthmother'),
    kim: await person('Kimberly', 'Spelling', '1975-05-05', 'SYN-000333'),
    li: await person('Li', 'Groupdiff', '1988-08-08', 'SYN000444'),
  };
}
