// Calls at the scale of a large practice after years of use: 1,000,000 call records with 20 answers each
// (20,000,000 answers), 100,000 patients, 5,000 plans, 50,000 prior authorizations. Measured: answering a
// question (commit included), Records search, the PA and re-verify worklists, and the resume check.
//
// The records are cloned in SQL from one call driven through the real service, so they have the shapes
// the app writes; the triggers of migration 8 fill the search index and planned services as they would.
// The ledger holds the measured plan's statements from 500 earlier verifications (not every
// call's: a question reads one field of one plan by its index, so other plans' statements cost nothing).
// Building the store takes a few minutes and about 3 GB of temporary disk; it is removed afterwards.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import type { CallView } from '../../src/shared/script/callViews';
import { driveCall, plainAnswer, SCRIPTED } from '../helpers/callDriver';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import type { BenchSuite } from './bench';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { daysFromToday, fixedClock, TEST_TODAY } from '../helpers/testClock';
import { testServices } from '../helpers/services';
import { testAuditChain } from '../helpers/testAudit';

const CALLS = Number(process.env.BENCH_CALLS ?? 1_000_000);
const ANSWERS_PER_CALL = 20;
const PATIENTS = 100_000;
const PLANS = 5_000;
const PAYERS = 200;
/** Calls are spread over ten years ending today, so about a month of them have appointments ahead. */
const YEARS = 10;
/** Earlier verifications of the plan the measured call is on. */
const PLAN_HISTORY = 500;

const FIRST_NAMES = ['Ana', 'Ben', 'Cora', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun'];

/** Numbers 1..n as a recursive CTE named `n(k)`. */
const numbers = (n: number) =>
  `WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ${n})`;

function buildStore(db: Db, template: { planId: number; patientId: number; callId: number }, today: string) {
  const started = performance.now();
  const spanSeconds = YEARS * 365 * 86_400;
  db.transaction(() => {
    db.exec(`${numbers(PAYERS - 1)}
      INSERT INTO payers (name, phone_benefits, updated_at)
      SELECT 'Fictional Payer ' || k || ' (sample)', '555-0100', '2026-01-01T00:00:00Z' FROM n`);
    db.exec(`${numbers(PLANS - 1)}
      INSERT INTO plans (payer_id, name, group_number, plan_type, updated_at)
      SELECT 1 + k % ${PAYERS}, 'Plan ' || k || ' PPO', 'GRP-' || k, 'ppo', t.updated_at
      FROM n, plans t WHERE t.id = ${template.planId}`);
    db.exec(`${numbers(PATIENTS - 1)}
      INSERT INTO patients (first_name, last_name, dob, preferred_language, updated_at)
      SELECT json_extract('${JSON.stringify(FIRST_NAMES)}', '$[' || (k % ${FIRST_NAMES.length}) || ']'),
        'Synth' || (k / ${FIRST_NAMES.length}), '1980-01-01', 'en', '2026-01-01T00:00:00Z' FROM n`);
    db.exec(`INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship,
        updated_at)
      SELECT p.id, 1 + p.id % ${PLANS}, 1, 'SYN' || p.id, 'Subscriber', 'self', '2026-01-01T00:00:00Z'
      FROM patients p WHERE p.id <> ${template.patientId}`);
  })();
  db.transaction(() => {
    // Calls go in as 'partial' so their answers may be added, then most become 'completed'.
    db.exec(`${numbers(CALLS)}, c AS (
        -- Patient 1 is the template call's patient; the others are spread evenly over the calls.
        SELECT k, 2 + (k * 7919) % ${PATIENTS - 1} AS patient,
          strftime('%Y-%m-%dT%H:%M:%SZ', '${today}', '-${spanSeconds} seconds',
            '+' || (k * ${spanSeconds} / ${CALLS}) || ' seconds') AS at
        FROM n)
      INSERT INTO calls (patient_id, plan_id, script_id, script_version, planned_json, dialed_number, started_at,
        ended_at, rep_name, reference_number, status, staff_user, state_json, next_action, next_action_due,
        reverify_date, updated_at)
      SELECT c.patient, cv.plan_id, t.script_id, t.script_version,
        json_array(json_object('code', CASE c.k % 3 WHEN 0 THEN 'D0367' WHEN 1 THEN 'D0330' ELSE 'D0364' END,
          'tooth', NULL, 'serviceDate', date(c.at, '+' || (7 + c.k % 30) || ' days'))),
        '555-0100', c.at, strftime('%Y-%m-%dT%H:%M:%SZ', c.at, '+18 minutes'), 'Rep ' || (c.k % 500),
        'REF-' || c.k, 'partial', 'Bench User', t.state_json, 'Schedule', date(c.at, '+1 day'), NULL, c.at
      FROM c JOIN coverages cv ON cv.patient_id = c.patient AND cv.ordinal = 1, calls t
      WHERE t.id = ${template.callId}`);
    db.exec(`${numbers(ANSWERS_PER_CALL)}
      INSERT INTO call_answers (call_id, answer_key, answer_json, comparison, answered_at)
      SELECT c.id, 'step_' || n.k, '{"type":"yes_no_unknown","value":"yes"}',
        CASE c.id % 2 WHEN 1 THEN 'confirmed' ELSE 'new' END, c.started_at
      FROM calls c, n WHERE c.id > ${template.callId} ORDER BY c.id, n.k`);
    db.exec(`UPDATE calls SET status = 'completed' WHERE id > ${template.callId} AND id % 50 <> 0`);
    // One call in twenty found a code needing prior authorization; old ones are decided, recent ones open.
    db.exec(`INSERT INTO prior_auths (call_id, patient_id, plan_id, code, service_date, status, auth_number,
        valid_to, created_at, updated_at)
      SELECT c.id, c.patient_id, c.plan_id, json_extract(c.planned_json, '$[0].code'), s.service_date,
        CASE WHEN s.service_date >= date('${today}', '-14 days') THEN
               CASE c.id % 4 WHEN 0 THEN 'to_submit' WHEN 1 THEN 'submitted' WHEN 2 THEN 'more_info'
                 ELSE 'approved' END
             WHEN c.id % 10 = 0 THEN 'denied' WHEN c.id % 10 = 1 THEN 'expired' ELSE 'approved' END,
        'AUTH-' || c.id, date(s.service_date, '+60 days'), c.started_at, c.started_at
      FROM calls c JOIN planned_services s ON s.source = 'call' AND s.source_id = c.id
      WHERE c.id % 20 = 0 AND c.id > ${template.callId}`);
    // The template call's plan has been verified ${PLAN_HISTORY} times before: its every answer stated again
    // a day apart, so a question on it reads a long history (the answer reads one field by its index).
    db.exec(`${numbers(PLAN_HISTORY)}
      INSERT INTO observations (uid, plan_id, code, field, value_json, observed_on, recorded_at, recorded_by,
        workstation, source, call_id, rep_name, reference_number)
      SELECT printf('%016x%016x', t.id * 100000 + n.k, abs(random())), t.plan_id, t.code, t.field, t.value_json,
        date(t.observed_on, '-' || n.k || ' days'), strftime('%Y-%m-%dT%H:%M:%SZ', t.recorded_at, '-' || n.k || ' days'),
        t.recorded_by, t.workstation, t.source, t.call_id, t.rep_name, t.reference_number
      FROM observations t, n WHERE t.call_id = ${template.callId} AND t.plan_id IS NOT NULL`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const count = (table: string) =>
    (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    seconds: (performance.now() - started) / 1000,
    calls: count('calls'),
    answers: count('call_answers'),
    statements: count('observations'),
    priorAuths: count('prior_auths'),
    upcoming: (
      db.prepare('SELECT count(*) AS n FROM planned_services WHERE service_date >= ?').get(today) as {
        n: number;
      }
    ).n,
  };
}

let built = '';

const suite: BenchSuite = {
  name: 'calls',
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-calls-'));
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const now = fixedClock();
    const today = TEST_TODAY;
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const deps = { db, now, actor: () => 'Bench User' };
    const policies = testServices(deps.db, deps.now).policies;
    const patients = testServices(deps.db, deps.now).patients;
    const calls = testServices(deps.db, deps.now).calls;
    const priorAuths = testServices(deps.db, deps.now).priorAuths;
    const reverify = testServices(db, now).reverify;
    const plan = await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
    const patient = await patients.save(null, patientInput());
    const planned = [
      { code: 'D0367', tooth: null, serviceDate: daysFromToday(18) },
      { code: 'D0330', tooth: null, serviceDate: daysFromToday(18) },
    ];
    const start = () => calls.start({ patientId: patient.id, planId: plan.id, planned, dialedNumber: null });
    const finish = { nextAction: 'Bench', nextActionDue: daysFromToday(1), reverifyDate: null };
    const templateCall = await driveCall(calls, await start());
    await calls.complete(templateCall.id, finish);

    const store = buildStore(
      db.sqlite!,
      { planId: plan.id, patientId: patient.id, callId: templateCall.id },
      today,
    );
    const megabytes = Math.round(statSync(paths.dbPath).size / 1e6);
    built =
      `store: ${store.calls.toLocaleString('en-US')} calls, ${store.answers.toLocaleString('en-US')} answers, ` +
      `${store.statements.toLocaleString('en-US')} ledger statements, ` +
      `${store.priorAuths.toLocaleString('en-US')} prior auths, ${store.upcoming.toLocaleString('en-US')} ` +
      `planned codes ahead; ${megabytes} MB; built in ${store.seconds.toFixed(0)} s`;

    let view: CallView = await start();
    const searches: Array<[string, string]> = [
      ['patient name (two words)', 'synth4321 ana'],
      ['reference number', 'REF-765432'],
      ['payer and code (thousands match; newest 200)', 'payer 17 d0367'],
      ['no words (newest 200)', ''],
    ];
    return {
      cases: [
        {
          name: 'answer one question, committed',
          iterations: 3000,
          run: async () => {
            if (!view.current) {
              await calls.complete(view.id, finish);
              view = await start();
            }
            const c = view.current!;
            view = await calls.answer(view.id, SCRIPTED[c.stepId] ?? c.known?.answer ?? plainAnswer(c));
            if (view.pendingReadBack) view = await calls.confirmReadBack(view.id, view.pendingReadBack.key);
          },
        },
        ...searches.map(([label, query]) => ({
          name: `records search: ${label}`,
          iterations: 200,
          run: () => calls.search(query),
        })),
        { name: 'prior-authorization worklist', iterations: 100, run: () => priorAuths.worklist() },
        { name: 're-verify worklist', iterations: 100, run: () => reverify.worklist() },
        { name: 'calls left in progress (resume check)', iterations: 200, run: () => calls.inProgress() },
      ],
      teardown: async () => {
        await db.close();
        // BENCH_KEEP=1 leaves the store for looking at query plans: `sqlite3 <dir>/app.sqlite`.
        if (process.env.BENCH_KEEP) console.log(`calls: store kept in ${dir}`);
        else rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  notes: (results) => [
    built,
    ...results.map(
      (r) =>
        `${r.name}: p95 ${r.p95Ms.toFixed(3)} ms (target: ${r.name.startsWith('answer') ? '< 5' : '< 50'} ms)`,
    ),
  ],
};

export default suite;
