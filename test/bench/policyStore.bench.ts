// Loading a plan's policy matrix and a patient's coverages in a large store, where every answer is a
// ledger statement with history: 2,000 payers, 20,000 plans, 50 codes x 3 fields x 2 statements per plan
// (6,000,000 statements: each answer was said twice, months apart), 100,000 patients with 133,333
// coverages whose maximum used was stated. Synthetic, built in SQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import type { BenchSuite } from './bench';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { daysFromToday, fixedClock } from '../helpers/testClock';
import { testServices } from '../helpers/services';
import { testAuditChain } from '../helpers/testAudit';

const PAYERS = 2_000;
const PLANS_PER_PAYER = 10;
const CODES_PER_PLAN = 50;
const PATIENTS = 100_000;

/** An id unique per row, from the rowid of the statement being built (32 hex digits). */
const UID = (seed: string) => `printf('%016x%016x', ${seed}, abs(random()))`;

const suite: BenchSuite = {
  name: 'policy store',
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-store-'));
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const now = fixedClock();
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const stamp = now().toISOString();
    const older = daysFromToday(-200);
    const newer = daysFromToday(-20);
    const started = performance.now();
    db.sqlite!.transaction(() => {
      const payer = db.sqlite!.prepare(
        "INSERT INTO payers (name, sends_inverted_coinsurance, updated_at) VALUES (?, 'unknown', ?)",
      );
      const plan = db.sqlite!.prepare(
        "INSERT INTO plans (payer_id, name, group_number, plan_type, updated_at) VALUES (?, ?, ?, 'ppo', ?)",
      );
      for (let p = 1; p <= PAYERS; p++) {
        const payerId = Number(payer.run(`Fictional Bench Payer ${p}`, stamp).lastInsertRowid);
        for (let k = 0; k < PLANS_PER_PAYER; k++) plan.run(payerId, `Plan ${k}`, `G-${p}-${k}`, stamp);
      }
      db.sqlite!.exec(`CREATE TEMP TABLE bench_codes AS
        SELECT code FROM catalog_codes WHERE valid_to IS NULL ORDER BY code LIMIT ${CODES_PER_PLAN}`);
      db.sqlite!.exec(`CREATE TEMP TABLE bench_fields (field TEXT, value TEXT);
        INSERT INTO bench_fields VALUES ('covered', '"yes"'), ('coverageBp', '5000'), ('priorAuth', '"required"');
        CREATE TEMP TABLE bench_days (day TEXT); INSERT INTO bench_days VALUES ('${older}'), ('${newer}');`);
      db.sqlite!
        .exec(`INSERT INTO observations (uid, plan_id, code, field, value_json, observed_on, recorded_at, recorded_by,
          workstation, source, source_detail)
        SELECT ${UID('p.id * 100000 + 1')}, p.id, '', 'annualMaxCents', '150000', '${newer}', '${stamp}', 'Bench User',
          'Bench desk', 'manual', NULL FROM plans p`);
      db.sqlite!
        .exec(`INSERT INTO observations (uid, plan_id, code, field, value_json, observed_on, recorded_at, recorded_by,
          workstation, source, rep_name, reference_number)
        SELECT ${UID('p.id * 100000 + 2 + c.rowid * 8 + f.rowid * 2 + d.rowid')}, p.id, c.code, f.field, f.value,
          d.day, d.day || 'T15:00:00.000Z', 'Bench User', 'Bench desk', 'pack', 'Rep', 'REF-' || p.id
        FROM plans p, bench_codes c, bench_fields f, bench_days d`);
      const patient = db.sqlite!.prepare(
        "INSERT INTO patients (first_name, last_name, dob, preferred_language, updated_at) VALUES (?, ?, '1980-01-01', 'en', ?)",
      );
      const coverage = db.sqlite!.prepare(
        `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship, updated_at)
         VALUES (?, ?, ?, ?, 'Synthetic Subscriber', 'self', ?)`,
      );
      for (let i = 1; i <= PATIENTS; i++) {
        const id = Number(patient.run(`First${i}`, `Last${i}`, stamp).lastInsertRowid);
        coverage.run(id, ((i * 7) % (PAYERS * PLANS_PER_PAYER)) + 1, 1, `M${i}`, stamp);
        if (i % 3 === 0) coverage.run(id, ((i * 13) % (PAYERS * PLANS_PER_PAYER)) + 1, 2, `S${i}`, stamp);
      }
      db.sqlite!
        .exec(`INSERT INTO observations (uid, coverage_id, code, field, value_json, observed_on, recorded_at,
          recorded_by, workstation, source)
        SELECT ${UID('c.id + 900000000')}, c.id, '', 'maxUsedCents', '20000', '${newer}', '${stamp}', 'Bench User',
          'Bench desk', 'manual' FROM coverages c`);
    })();
    db.sqlite!.pragma('optimize');
    const counts = db
      .sqlite!.prepare(
        'SELECT (SELECT count(*) FROM observations) AS statements, (SELECT count(*) FROM patients) AS patients',
      )
      .get() as { statements: number; patients: number };
    process.stderr.write(
      `bench: policy store: ${counts.statements} statements, ${counts.patients} patients built in ${Math.round(performance.now() - started)} ms\n`,
    );
    const deps = { db, now, actor: () => 'Bench User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    let i = 0;
    let j = 0;
    return {
      cases: [
        {
          name: 'policy matrix of one plan (56 codes)',
          iterations: 500,
          run: () => policies.getMatrix(((i++ * 7919) % 20_000) + 1),
        },
        {
          name: "patient's coverages and history",
          iterations: 2000,
          run: () => patients.get(((j++ * 104_729) % PATIENTS) + 1),
        },
      ],
      teardown: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: () => [
    `${PAYERS.toLocaleString('en-US')} payers, ${(PAYERS * PLANS_PER_PAYER).toLocaleString('en-US')} plans, ${(PAYERS * PLANS_PER_PAYER * CODES_PER_PLAN).toLocaleString('en-US')} policy rows, ${PATIENTS.toLocaleString('en-US')} patients (target: p95 < 20 ms each)`,
  ],
};

export default suite;
