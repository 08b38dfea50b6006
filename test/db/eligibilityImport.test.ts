// Importing 271 files over the real services and a temp database: the preview matches members to
// patients and records nothing; a person's confirmation records exactly the statements shown, with the
// file as source; several patients, dependents and a rejection in one file; what differs is said; bad
// files are refused with their reason and change nothing; an import is all or nothing.
import { describe, expect, it } from 'vitest';
import { formatDate } from '../../src/shared/dates/typedDate';
import { AppError } from '../../src/shared/ipc/result';
import { listForSubject } from '../../src/main/ledger/ledgerRepo';
import { createEligibilityImportService } from '../../src/main/services/eligibilityImportService';
import { openTestAppDb } from '../helpers/appDb';
import {
  asFile,
  familyFile,
  FILE_DAY,
  janeFile,
  LAST_PANO,
  seedOffice,
  VISIT_DAY,
} from '../helpers/eligibilityFixtures';
import { testServices } from '../helpers/services';
import { queryPlan } from '../helpers/queryPlan';
import { useTempDirs } from '../helpers/tempDir';
import { addMonths } from '../../src/shared/dates/calendar';
import { daysFromToday, TEST_TODAY, yearStart } from '../helpers/testClock';
import { interchange, payerAndOffice, sampleBenefits, subscriber } from '../helpers/x12Builder';
import { num, row as row1, run } from '../helpers/sqlRows';
import type { AppDb } from '../../src/main/db/appDb';

/** A saved payer as the input that saves it again. */
const payerFields = ({
  id: _i,
  isSample: _s,
  planCount: _p,
  updatedAt: _u,
  ...input
}: Awaited<ReturnType<typeof seedOffice>>['payer']) => input;

const count = (db: AppDb, table: 'observations' | 'eligibility_files' | 'patients' | 'coverages') =>
  num(db, `SELECT count(*) AS n FROM ${table}`);

describe('importing eligibility files', () => {
  const tempDir = useTempDirs();

  async function setup() {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    return { db, now, s, office: await seedOffice(s) };
  }

  it('previews Jane’s file as a match, records nothing until confirmed, then exactly the statements shown', async () => {
    const { db, s, office } = await setup();
    const before = await count(db, 'observations');
    const file = asFile('jane.271', janeFile());
    const preview = await s.eligibility.preview([file]);
    expect(await count(db, 'observations')).toBe(before);
    const [review] = preview.files;
    expect(review).toMatchObject({
      error: null,
      alreadyImported: null,
      payerName: 'SYNTHETIC DENTAL PLAN (TEST ONLY)',
      payerId: '99999',
      responseDate: daysFromToday(-1),
      testData: true,
      rejections: [],
    });
    const [jane] = review!.members;
    expect(jane).toMatchObject({
      name: 'JANE TESTPATIENT',
      memberId: 'SYN000111',
      match: 'matched',
      patient: { id: office.jane.patient.id, name: 'Jane Testpatient' },
      coverage: { id: office.jane.coverage.id, groupNumber: 'GRP-TEST-42' },
      differences: [],
      recordable: true,
      statements: 20,
    });
    expect(jane!.findings.map((f) => f.topic)).toEqual([
      'Coverage',
      'Maximum',
      'Deductible',
      'Coinsurance',
      'D0330',
      'D0367',
      'D0367',
      'D0364',
      'Another payer',
    ]);

    const result = await s.eligibility.import([file], [jane!.key]);
    expect(result).toEqual({
      members: [{ key: jane!.key, patientName: 'Jane Testpatient', statements: 20 }],
      statements: 20,
      files: 1,
    });
    const detail = `SYNTHETIC DENTAL PLAN (TEST ONLY), trace SYNTH-TRACE-0001, received ${formatDate(TEST_TODAY)}`;
    const fromFile = async (subject: Parameters<typeof listForSubject>[1]) =>
      (await listForSubject(db, subject))
        .filter((o) => o.source === 'eligibility_file')
        .map((o) => {
          expect(o).toMatchObject({
            observedOn: daysFromToday(-1),
            sourceDetail: detail,
            recordedBy: 'Test User',
          });
          return `${o.field}${o.code ? ` ${o.code}` : ''} = ${JSON.stringify(o.value)}`;
        });
    expect(await fromFile({ kind: 'plan', id: office.plan.id })).toEqual([
      'fact:plan_type = {"type":"choice","value":"ppo"}',
      'annualMaxCents = 150000',
      'benefitYearStartMonth = 1',
      'deductibleIndividualCents = 5000',
      'fact:payer_notes = {"type":"text","value":"DEDUCTIBLE WAIVED FOR DIAGNOSTIC AND PREVENTIVE (SYNTHETIC)"}',
      'coverageByCategory = {"diagnostic":8000,"major":5000,"oral_surgery":8000}',
      'frequency D0330 = {"count":1,"per":"months","months":60,"sharedWith":[]}',
      'fact:limitations D0330 = {"type":"text","value":"PANORAMIC AND FULL MOUTH SERIES SHARE ONE FREQUENCY (SYNTHETIC)"}',
      'covered D0367 = "yes"',
      'coverageBp D0367 = 5000',
      'priorAuth D0367 = "required"',
      'fact:limitations D0367 = {"type":"text","value":"CONE BEAM CT REQUIRES PRIOR AUTHORIZATION - SUBMIT NARRATIVE AND 2D IMAGES (SYNTHETIC)"}',
      'frequency D0367 = {"count":1,"per":"lifetime","months":null,"sharedWith":[]}',
      'covered D0364 = "no"',
      'fact:exclusion_wording D0364 = {"type":"text","value":"LIMITED FIELD CBCT NOT A COVERED DENTAL BENEFIT - CHECK MEDICAL PLAN (SYNTHETIC)"}',
    ]);
    expect(await fromFile({ kind: 'coverage', id: office.jane.coverage.id })).toEqual([
      `effectiveDate = "${yearStart(0)}"`,
      'maxRemainingCents = 120000',
      'deductibleMetCents = 2500',
      `nextEligibleOn D0330 = "${addMonths(LAST_PANO, 60)}"`,
    ]);
    expect(await fromFile({ kind: 'patient', id: office.jane.patient.id })).toEqual([
      `service D0330 = {"date":"${LAST_PANO}","reportedBy":"payer"}`,
    ]);
    expect(await count(db, 'eligibility_files')).toBe(1);

    // The patient screen and the estimate read them as known, from the file.
    const patient = await s.patients.get(office.jane.patient.id);
    expect(patient.coverages[0]!.maxRemaining).toMatchObject({ value: 120_000, status: 'known' });
    expect(patient.coverages[0]!.maxRemaining.source).toMatchObject({
      source: 'eligibility_file',
      sourceDetail: detail,
    });
    expect(patient.serviceHistory.map((h) => [h.code, h.serviceDate, h.source])).toEqual([
      ['D0330', LAST_PANO, 'payer'],
    ]);
  });

  it('the estimate works from the amounts met and left that the file gave', async () => {
    const { s, office } = await setup();
    // A 271 does not say whether this office is in the plan's network (EB12 says which network a benefit
    // is for): a person states it, here as on the plan screen.
    await s.policies.setBenefits(office.plan.id, { networkStatus: 'in_network' });
    const line = { code: 'D0367', tooth: null, serviceDate: VISIT_DAY, feeCents: 120_000 };
    const before = await s.estimates.compute({
      patientId: office.jane.patient.id,
      selfPay: false,
      lines: [line],
    });
    expect(before.coverageTotals[0]).toMatchObject({
      maxRemainingCents: null,
      deductibleRemainingCents: null,
    });
    const file = asFile('jane.271', janeFile(FILE_DAY));
    await s.eligibility.import([file], [(await s.eligibility.preview([file])).files[0]!.members[0]!.key]);
    const after = await s.estimates.compute({
      patientId: office.jane.patient.id,
      selfPay: false,
      lines: [line],
    });
    const totals = after.coverageTotals[0]!;
    // $1,200 of the maximum was left and $25 of the $50 deductible: the plan pays 50% of the fee after
    // the $25 deductible, and what is left of the maximum after the visit is $1,200 less that.
    expect(totals.insuranceCents).toBe(Math.floor((120_000 - 2_500) / 2));
    expect(totals.maxRemainingCents).toBe(120_000 - totals.insuranceCents!);
    expect(totals.deductibleRemainingCents).toBe(0);
  });

  it('the same file again: shown as imported already, and refused', async () => {
    const { db, s } = await setup();
    const file = asFile('jane.271', janeFile());
    const key = (await s.eligibility.preview([file])).files[0]!.members[0]!.key;
    await s.eligibility.import([file], [key]);
    const again = (await s.eligibility.preview([asFile('copy of jane.271', janeFile())])).files[0]!;
    expect(again.alreadyImported).toBe(
      `Imported ${formatDate(TEST_TODAY)} by Test User: importing it again adds nothing.`,
    );
    expect(again.members[0]!.recordable).toBe(false);
    const n = await count(db, 'observations');
    await expect(s.eligibility.import([file], [key])).rejects.toThrow(AppError);
    expect(await count(db, 'observations')).toBe(n);
  });

  it('several patients, a dependent, a terminated plan, a spelling, a group number and a rejection in one file', async () => {
    const { db, s, office } = await setup();
    const file = asFile('batch.271', familyFile());
    const [review] = (await s.eligibility.preview([file])).files;
    const summary = review!.members.map((m) => [
      m.name,
      m.level,
      m.match,
      m.patient?.name ?? null,
      m.recordable,
    ]);
    expect(summary).toEqual([
      ['ROSA SYNTHMOTHER', 'subscriber', 'matched', 'Rosa Synthmother', true],
      ['TEO SYNTHMOTHER', 'dependent', 'differs', 'Teo Synthmother', true],
      ['OMAR NOTONFILE', 'subscriber', 'not_found', null, false],
      ['KIMBERLEY SPELLING', 'subscriber', 'differs', 'Kimberly Spelling', true],
      ['LI GROUPDIFF', 'subscriber', 'differs', 'Li Groupdiff', true],
      ['JANE TESTPATIENT', 'subscriber', 'rejected', null, false],
    ]);
    const byName = new Map(review!.members.map((m) => [m.name, m]));
    expect(byName.get('TEO SYNTHMOTHER')!.differences).toEqual([
      `Terminated: the payer says the coverage is not active (it ended ${formatDate(daysFromToday(-30))}).`,
    ]);
    expect(byName.get('OMAR NOTONFILE')!.differences).toEqual([
      'No patient on file has member ID SYN000222.',
    ]);
    expect(byName.get('KIMBERLEY SPELLING')!.differences).toEqual([
      'Name: the file says KIMBERLEY SPELLING; on file Kimberly Spelling.',
    ]);
    expect(byName.get('LI GROUPDIFF')!.differences).toEqual([
      'Group number: the file says GRP-OTHER-1; the plan on file has GRP-TEST-42.',
    ]);
    expect(byName.get('JANE TESTPATIENT')!.rejections).toEqual([
      'Subscriber not found (75): correct the request and send it again.',
    ]);

    // Nothing unticked is recorded; a member that did not match cannot be ticked.
    const before = await count(db, 'observations');
    await expect(s.eligibility.import([file], [byName.get('OMAR NOTONFILE')!.key])).rejects.toThrow(
      'OMAR NOTONFILE cannot be recorded (not found).',
    );
    await expect(s.eligibility.import([file], [byName.get('JANE TESTPATIENT')!.key])).rejects.toThrow(
      'cannot be recorded',
    );
    expect(await count(db, 'observations')).toBe(before);
    const result = await s.eligibility.import(
      [file],
      [byName.get('ROSA SYNTHMOTHER')!.key, byName.get('TEO SYNTHMOTHER')!.key],
    );
    expect(result.members.map((m) => [m.patientName, m.statements])).toEqual([
      ['Rosa Synthmother', 5],
      ['Teo Synthmother', 1],
    ]);
    expect((await s.patients.get(office.teo.patient.id)).coverages[0]!.terminationDate).toMatchObject({
      value: daysFromToday(-30),
      status: 'known',
    });
    expect((await s.patients.get(office.kim.patient.id)).coverages[0]!.maxRemaining.value).toBeNull();
    expect((await s.patients.get(office.rosa.patient.id)).coverages[0]!.maxRemaining.value).toBe(90_000);
  });

  it('shows what is on file beside each line, and flags the opposite coinsurance share', async () => {
    const { s, office } = await setup();
    await s.policies.setBenefits(office.plan.id, { coverageByCategory: { diagnostic: 2000, basic: 8000 } });
    const [jane] = (await s.eligibility.preview([asFile('jane.271', janeFile())])).files[0]!.members;
    const coinsurance = jane!.findings.find((f) => f.topic === 'Coinsurance')!;
    expect(coinsurance.statements).toEqual([
      {
        words: 'Coverage by category: Diagnostic 80%, Basic 80%, Major 50%, Oral surgery 80%',
        about: 'plan',
        onFile: `Diagnostic 20%, Basic 80% (entered ${formatDate(TEST_TODAY)} by Test User)`,
        differs: true,
      },
    ]);
    expect(coinsurance.notes).toContain('Categories the file does not give stay as they were: basic.');
    expect(coinsurance.notes).toContain(
      'diagnostic: on file the plan pays 20%, the file says 80%: the opposite share. This payer may send the plan\'s share in EB08; if so, read the file with "the plan\'s share" and preview again.',
    );
    // Read the other way round, the file agrees with what is on file.
    const [inverted] = (await s.eligibility.preview([asFile('jane.271', janeFile(), 'plan_share')])).files[0]!
      .members;
    expect(inverted!.findings.find((f) => f.topic === 'Coinsurance')!.statements[0]).toMatchObject({
      words: 'Coverage by category: Diagnostic 20%, Basic 80%, Major 50%, Oral surgery 20%',
      differs: false,
    });
  });

  it('a payer set to send the plan’s share is read that way without being asked', async () => {
    const { s, office } = await setup();
    await s.policies.savePayer(office.payer.id, {
      ...payerFields(office.payer),
      sendsInvertedCoinsurance: 'yes',
    });
    const file = asFile('jane.271', janeFile());
    const [review] = (await s.eligibility.preview([file])).files;
    expect(review!.coinsurance).toBe(
      'EB08 percents read as each payer is set (the patient’s share unless the payer is set to send the plan’s)',
    );
    const coinsurance = review!.members[0]!.findings.find((f) => f.topic === 'Coinsurance')!;
    expect(coinsurance.statements[0]!.words).toBe(
      'Coverage by category: Diagnostic 20%, Major 50%, Oral surgery 20%',
    );
    expect(coinsurance.notes[0]).toBe(
      'Percents read as the plan’s share: this payer is set to send them inverted.',
    );
  });

  it('is all or nothing: a failure while recording the second member leaves no statement and no file', async () => {
    const { db, now, s } = await setup();
    const file = asFile('batch.271', familyFile());
    const keys = (await s.eligibility.preview([file])).files[0]!.members.filter((m) => m.recordable).map(
      (m) => m.key,
    );
    let calls = 0;
    const failing = createEligibilityImportService({
      db,
      now,
      actor: () => 'Test User',
      ledger: {
        ...s.ledger,
        record: (...args: Parameters<typeof s.ledger.record>) => {
          if (++calls === 3) throw new Error('disk went away');
          return s.ledger.record(...args);
        },
      },
    });
    const before = await count(db, 'observations');
    await expect(failing.import([file], keys)).rejects.toThrow('disk went away');
    expect(calls).toBe(3);
    expect(await count(db, 'observations')).toBe(before);
    expect(await count(db, 'eligibility_files')).toBe(0);
  });
});

describe('bad files: a clear message, nothing recorded', () => {
  const tempDir = useTempDirs();
  const good = janeFile();

  const BAD: Array<[string, string, string | RegExp]> = [
    ['not X12 (a CSV export)', 'patient,member id\nJane,SYN000111\n', /^This is not an X12 file/],
    [
      'a 270 request',
      good.replace('GS*HB*', 'GS*HS*').replace('ST*271*', 'ST*270*'),
      /^This is an eligibility request \(270\)/,
    ],
    [
      'a 4010 file',
      interchange(
        [
          [
            ...payerAndOffice(),
            ...subscriber({ hl: 3, last: 'A', first: 'B', memberId: 'X', dob: '1980-01-01' }),
          ],
        ],
        {
          date: daysFromToday(-1),
          isaVersion: '00401',
          guide: '004010X092A1',
        },
      ),
      /old 4010 format/,
    ],
    [
      'broken envelope counts',
      good.replace(/SE\*(\d+)\*0001/, (_, n: string) => `SE*${Number(n) + 2}*0001`),
      /control counts do not add up/,
    ],
    [
      'a segment cut mid-file',
      good.slice(0, good.indexOf('EB*A*IND*40') + 8),
      /ends in the middle of a segment/,
    ],
    [
      'wrong delimiters',
      good.slice(0, 106) + good.slice(106).replace(/\*/g, '|'),
      /does not use the separators its ISA header declares/,
    ],
    [
      'binary junk',
      String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
      /not a text file/,
    ],
    ['a file dated after today', janeFile(daysFromToday(3)), /after today/],
  ];

  it.each(BAD)('%s', async (_name, text, message) => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    await seedOffice(s);
    const before = await count(db, 'observations');
    const file = asFile('bad.271', text);
    const [review] = (await s.eligibility.preview([file])).files;
    expect(review!.error).toMatch(message);
    expect(review!.members).toEqual([]);
    await expect(s.eligibility.import([file], ['anything'])).rejects.toThrow(AppError);
    expect(await count(db, 'observations')).toBe(before);
    expect(await count(db, 'eligibility_files')).toBe(0);
  });

  it('a 20 MB file is refused before it is read', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    const huge = good + `${'MSG*PADDING (SYNTHETIC)~\n'.repeat(850_000)}`;
    expect(huge.length).toBeGreaterThan(20_000_000);
    const [review] = (await s.eligibility.preview([asFile('huge.271', huge)])).files;
    expect(review!.error).toMatch(/^The file is 2\d\.\d MB; an eligibility file is at most 5 MB/);
    expect(await count(db, 'eligibility_files')).toBe(0);
  });

  it('AAA rejections are shown as such: subscriber not found, payer unable to respond', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    await seedOffice(s);
    const notFound = interchange(
      [[...payerAndOffice(), 'HL*3*2*22*0', 'NM1*IL*1*TESTPATIENT*JANE****MI*SYN000111', 'AAA*N**75*C']],
      { date: daysFromToday(-1) },
    );
    const unavailable = interchange(
      [['HL*1**20*0', 'AAA*N**42*R', 'NM1*PR*2*SYNTHETIC DENTAL PLAN (TEST ONLY)*****PI*99999']],
      {
        date: daysFromToday(-1),
      },
    );
    const before = await count(db, 'observations');
    const [a, b] = (
      await s.eligibility.preview([asFile('not-found.271', notFound), asFile('unavailable.271', unavailable)])
    ).files;
    expect(a!.members[0]).toMatchObject({
      match: 'rejected',
      rejections: ['Subscriber not found (75): correct the request and send it again.'],
      recordable: false,
      patient: null,
    });
    expect(b!.error).toBeNull();
    expect(b!.rejections).toEqual([
      'The payer cannot respond now (system unavailable) (42): it may be sent again.',
    ]);
    expect(b!.members).toEqual([]);
    await expect(
      s.eligibility.import([asFile('not-found.271', notFound)], [a!.members[0]!.key]),
    ).rejects.toThrow('JANE TESTPATIENT cannot be recorded (rejected).');
    expect(await count(db, 'observations')).toBe(before);
  });
});

describe('a medical plan’s file', () => {
  const tempDir = useTempDirs();
  it('records the imaging coinsurance the medical-plan call asks about', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    const office = await seedOffice(s);
    const medical = await s.policies.savePlan(null, {
      payerId: office.payer.id,
      name: 'Synthetic Medical',
      groupNumber: null,
      employerName: null,
      planType: 'medical',
      notes: null,
    });
    const p = await s.patients.save(null, {
      firstName: 'Mia',
      lastName: 'Medplan',
      dob: '1970-02-02',
      preferredLanguage: 'en',
      phone: null,
    });
    await s.patients.saveCoverage(null, {
      patientId: p.id,
      planId: medical.id,
      ordinal: 1,
      memberId: 'MED-555',
      subscriberName: 'Mia Medplan',
      subscriberDob: '1970-02-02',
      relationship: 'self',
      effectiveDate: null,
      terminationDate: null,
      maxUsedCents: null,
      maxUsedStatedOn: null,
      deductibleMetCents: null,
      deductibleMetStatedOn: null,
    });
    const text = interchange(
      [
        [
          ...payerAndOffice(),
          ...subscriber({
            hl: 3,
            last: 'MEDPLAN',
            first: 'MIA',
            memberId: 'MED-555',
            dob: '1970-02-02',
            benefits: [
              'EB*1*IND*30*C1',
              'EB*A*IND*62*****0.2****Y',
              ...sampleBenefits(LAST_PANO).slice(14, 15),
            ],
          }),
        ],
      ],
      { date: daysFromToday(-1) },
    );
    const file = asFile('medical.271', text);
    const [mia] = (await s.eligibility.preview([file])).files[0]!.members;
    expect(mia!.match).toBe('matched');
    await s.eligibility.import([file], [mia!.key]);
    expect(
      (await listForSubject(db, { kind: 'plan', id: medical.id })).map(
        (o) => `${o.field} ${JSON.stringify(o.value)}`,
      ),
    ).toEqual(['fact:medical_coinsurance {"type":"percent","value":8000}']);
  });
});

describe('migration 14: eligibility files', () => {
  const tempDir = useTempDirs();
  it('keeps each imported file as it was, and finds coverages and a coverage’s newest file by index', async () => {
    const { db, now } = await openTestAppDb(tempDir);
    const s = testServices(db, now);
    await seedOffice(s);
    const file = asFile('jane.271', janeFile());
    await s.eligibility.import([file], [(await s.eligibility.preview([file])).files[0]!.members[0]!.key]);
    const row = await row1(
      db,
      'SELECT file_name, payer_id, members_recorded, statements, content FROM eligibility_files',
    );
    expect(row).toEqual({
      file_name: 'jane.271',
      payer_id: '99999',
      members_recorded: 1,
      statements: 20,
      content: janeFile(),
    });
    await expect(run(db, "UPDATE eligibility_files SET file_name = 'other.271'")).rejects.toThrow(
      'an imported eligibility file is kept as it was',
    );
    await expect(run(db, 'DELETE FROM eligibility_files')).rejects.toThrow(
      'an imported eligibility file is kept as it was',
    );
    const plan = (sql: string) => queryPlan(db, sql);
    expect(
      await plan(
        "SELECT id FROM coverages c WHERE c.removed_at IS NULL AND upper(replace(replace(c.member_id, '-', ''), ' ', '')) = ?",
      ),
    ).toMatch(/(USING INDEX|Index Scan using|Bitmap Index Scan on) coverages_by_member_id/);
    expect(
      await plan('SELECT max(o.observed_on) FROM observations o WHERE o.coverage_id = 1 AND o.source = ?'),
    ).toContain('observations_coverage_source');
  });
});
