// Loading a plan's policy matrix and a patient's coverages in a large store:
// 2,000 payers, 20,000 plans, 1,000,000 code-policy rows, 100,000 patients (synthetic, fixed seed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createPatientService } from '../../src/main/services/patientService';
import { createPolicyService } from '../../src/main/services/policyService';
import { UNKNOWN_BENEFITS } from '../../src/shared/policy/policyTypes';
import type { BenchSuite } from './bench';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { testAuditChain } from '../helpers/testAudit';

const PAYERS = 2_000;
const PLANS_PER_PAYER = 10;
const CODES_PER_PLAN = 50;
const PATIENTS = 100_000;

const suite: BenchSuite = {
  name: 'policy store',
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-store-'));
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const now = () => new Date('2026-11-22T15:00:00Z');
    const { db } = openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const codes = (
      db.prepare('SELECT code FROM catalog_codes WHERE valid_to IS NULL ORDER BY code').all() as Array<{
        code: string;
      }>
    )
      .map((r) => r.code)
      .slice(0, CODES_PER_PLAN);
    const stamp = now().toISOString();
    const started = performance.now();
    db.transaction(() => {
      const provenance = db.prepare(
        "INSERT INTO provenance (source, recorded_by, recorded_at, rep_name, reference_number) VALUES ('call', 'Bench User', ?, 'Rep', ?)",
      );
      for (let i = 0; i < 1000; i++) provenance.run(stamp, `REF-${i}`);
      const payer = db.prepare(
        "INSERT INTO payers (name, sends_inverted_coinsurance, updated_at) VALUES (?, 'unknown', ?)",
      );
      const plan = db.prepare(
        "INSERT INTO plans (payer_id, name, group_number, plan_type, benefits_json, provenance_json, updated_at) VALUES (?, ?, ?, 'ppo', ?, ?, ?)",
      );
      const policy = db.prepare(
        `INSERT INTO code_policies (payer_id, plan_id, cdt_code, covered, coverage_bp, prior_auth, medical_first, provenance_json, updated_at)
         VALUES (?, ?, ?, 'yes', ?, 'required', 'unknown', ?, ?)`,
      );
      const benefits = JSON.stringify({ ...UNKNOWN_BENEFITS, annualMaxCents: 150000 });
      let planCount = 0;
      for (let p = 1; p <= PAYERS; p++) {
        const payerId = Number(payer.run(`Fictional Bench Payer ${p}`, stamp).lastInsertRowid);
        for (let k = 0; k < PLANS_PER_PAYER; k++) {
          planCount++;
          const planId = Number(
            plan.run(payerId, `Plan ${k}`, `G-${p}-${k}`, benefits, '{"annualMaxCents":1}', stamp)
              .lastInsertRowid,
          );
          for (const code of codes) {
            const prov = (planCount % 1000) + 1;
            policy.run(
              payerId,
              planId,
              code,
              5000,
              `{"covered":${prov},"coverageBp":${prov},"priorAuth":${prov}}`,
              stamp,
            );
          }
        }
      }
      const patient = db.prepare(
        "INSERT INTO patients (first_name, last_name, dob, preferred_language, updated_at) VALUES (?, ?, '1980-01-01', 'en', ?)",
      );
      const coverage = db.prepare(
        `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship, max_used_cents,
           max_used_stated_on, provenance_json, updated_at) VALUES (?, ?, ?, ?, 'Synthetic Subscriber', 'self', 20000, '2026-11-01', '{}', ?)`,
      );
      for (let i = 1; i <= PATIENTS; i++) {
        const id = Number(patient.run(`First${i}`, `Last${i}`, stamp).lastInsertRowid);
        coverage.run(id, ((i * 7) % (PAYERS * PLANS_PER_PAYER)) + 1, 1, `M${i}`, stamp);
        if (i % 3 === 0) coverage.run(id, ((i * 13) % (PAYERS * PLANS_PER_PAYER)) + 1, 2, `S${i}`, stamp);
      }
    })();
    db.pragma('optimize');
    const counts = db
      .prepare(
        'SELECT (SELECT count(*) FROM code_policies) AS policies, (SELECT count(*) FROM patients) AS patients',
      )
      .get() as {
      policies: number;
      patients: number;
    };
    process.stderr.write(
      `bench: policy store: ${counts.policies} policies, ${counts.patients} patients built in ${Math.round(performance.now() - started)} ms\n`,
    );
    const deps = { db, now, actor: () => 'Bench User' };
    const policies = createPolicyService({ ...deps, staleAfterDays: () => 90 });
    const patients = createPatientService({ ...deps, staleAfterDays: () => 30 });
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
      teardown: () => {
        db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: () => [
    `${PAYERS.toLocaleString('en-US')} payers, ${(PAYERS * PLANS_PER_PAYER).toLocaleString('en-US')} plans, ${(PAYERS * PLANS_PER_PAYER * CODES_PER_PLAN).toLocaleString('en-US')} policy rows, ${PATIENTS.toLocaleString('en-US')} patients (target: p95 < 20 ms each)`,
  ],
};

export default suite;
