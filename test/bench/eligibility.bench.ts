// Eligibility files at the size of a clearinghouse's daily batch: one 271 naming 2,000 members (each
// with the domain sample's 14 benefits, about 2.6 MB), against 2,000 patients with coverage. Measured:
// reading the file (split, envelope, loops), the preview (matching every member and comparing every
// statement with what is on file), recording all 2,000 members in one transaction, and the re-verify
// worklist over 2,000 upcoming appointments once every coverage has a file's statements.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { read271 } from '../../src/shared/x12/read271';
import { readEnvelope } from '../../src/shared/x12/readEnvelope';
import { tokenizeX12 } from '../../src/shared/x12/tokenizeX12';
import { asFile, LAST_PANO, seedOffice } from '../helpers/eligibilityFixtures';
import { testServices } from '../helpers/services';
import { testAuditChain } from '../helpers/testAudit';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { daysFromToday, fixedClock, yearStart } from '../helpers/testClock';
import { interchange, payerAndOffice, sampleBenefits, subscriber } from '../helpers/x12Builder';
import type { BenchSuite } from './bench';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 2_000);

function batch(control: string): string {
  const body = [...payerAndOffice()];
  for (let i = 0; i < MEMBERS; i++)
    body.push(
      ...subscriber({
        hl: 3 + i,
        last: `SYNTHBATCH${i}`,
        first: 'PAT',
        memberId: `BAT${String(i).padStart(6, '0')}`,
        dob: '1980-01-01',
        group: 'GRP-TEST-42',
        planBegin: yearStart(0),
        trace: `SYNTH-TRACE-${i}`,
        benefits: sampleBenefits(LAST_PANO),
      }),
    );
  return interchange([body], { date: daysFromToday(-1), control });
}

const suite: BenchSuite = {
  name: 'eligibility files',
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-271-'));
    const now = fixedClock();
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'b') };
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const s = testServices(db, now);
    const office = await seedOffice(s);
    await db.tx(async () => {
      for (let i = 0; i < MEMBERS; i++) {
        const p = await s.patients.save(null, {
          firstName: 'Pat',
          lastName: `Synthbatch${i}`,
          dob: '1980-01-01',
          preferredLanguage: 'en',
          phone: null,
        });
        await s.patients.saveCoverage(null, {
          patientId: p.id,
          planId: office.plan.id,
          ordinal: 1,
          memberId: `BAT${String(i).padStart(6, '0')}`,
          subscriberName: `Pat Synthbatch${i}`,
          subscriberDob: '1980-01-01',
          relationship: 'self',
          effectiveDate: null,
          terminationDate: null,
          maxUsedCents: null,
          maxUsedStatedOn: null,
          deductibleMetCents: null,
          deductibleMetStatedOn: null,
        });
        await s.estimates.save({
          patientId: p.id,
          selfPay: false,
          lines: [
            { code: 'D0367', tooth: null, serviceDate: daysFromToday(10 + (i % 30)), feeCents: 120_000 },
          ],
        });
      }
    });
    const text = batch('905');
    const file = asFile('batch.271', text);
    let control = 1000;
    return {
      cases: [
        {
          name: `read a ${MEMBERS}-member 271 (${(text.length / 1024 / 1024).toFixed(1)} MB)`,
          iterations: 10,
          run: () => {
            const { delimiters, segments } = tokenizeX12(text);
            return readEnvelope(segments).flatMap((i) => i.transactions.map((t) => read271(t, delimiters)));
          },
        },
        {
          name: `preview ${MEMBERS} members (match, compare)`,
          iterations: 5,
          run: () => s.eligibility.preview([file]),
        },
        {
          name: `record ${MEMBERS} members (one transaction)`,
          samples: async () => {
            const times: number[] = [];
            for (let k = 0; k < 3; k++) {
              // Another control number: another file, so it is not refused as imported already.
              const next = asFile(`batch-${k}.271`, batch(String(control++)));
              const keys = (await s.eligibility.preview([next])).files[0]!.members.map((m) => m.key);
              const started = performance.now();
              await s.eligibility.import([next], keys);
              times.push(performance.now() - started);
            }
            return times;
          },
        },
        {
          name: `re-verify worklist, ${MEMBERS} appointments with 271s`,
          iterations: 20,
          run: () => s.reverify.worklist(),
        },
      ],
      teardown: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export default suite;
