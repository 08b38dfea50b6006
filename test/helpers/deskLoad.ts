// Several front desks answering calls at once against one office database, each desk a program of its
// own (test/fixtures/children/deskWorker.ts, bundled once with esbuild so node starts it quickly), and
// what the office database holds afterwards: every acknowledged answer, one valid audit chain, ledger
// statements from every completed call. Used by the db-pg load test (a small office) and the `desks`
// bench (10 desks x 100 calls).
import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { verifyAuditChain } from '../../src/main/audit/auditLog';
import { createSessionService } from '../../src/main/auth/sessionService';
import { createUserService } from '../../src/main/auth/userService';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import type { PgConnection } from '../../src/main/db/pg/pgAppDb';
import { summarise, type BenchResult } from '../bench/bench';
import { patientInput, payerInput, planInput } from './policyFixtures';
import { testServices } from './services';
import { num, rows } from './sqlRows';
import { TEST_ADMIN } from './testAdmin';

const ROOT = path.resolve(__dirname, '../..');

/** What one desk is told to do (passed to the child as JSON). */
export interface DeskOrders {
  connection: PgConnection;
  desk: number;
  username: string;
  password: string;
  planIds: number[];
  patientIds: number[];
  calls: number;
}

export interface DeskLoadRun {
  /** Answers the desks were told are saved, with how long each took at the desk (ms). */
  acknowledged: Array<{ callId: number; key: string; ms: number }>;
  completed: number[];
  /** Actions refused or failed at a desk ("desk N: code message"), and desks that did not finish. */
  refusals: string[];
  wallMs: number;
}

/** The desk program as one plain script in `dir` (pg and SQLite stay outside: native or optional parts). */
export function bundleDeskWorker(dir: string): string {
  const out = path.join(dir, 'deskWorker.cjs');
  execFileSync(path.join(ROOT, 'node_modules/.bin/esbuild'), [
    path.join(ROOT, 'test/fixtures/children/deskWorker.ts'),
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--external:better-sqlite3-multiple-ciphers',
    '--external:pg',
    `--outfile=${out}`,
    '--log-level=warning',
  ]);
  return out;
}

/**
 * The office the desks work in: one payer, `plans` plans shared by all desks, each desk's own user (a
 * front-desk role, signed in by the desk) and its own patients.
 */
export async function prepareOffice(
  db: AppDb,
  /** The setting-up desk's code catalog. */
  catalog: Db,
  now: () => Date,
  connection: PgConnection,
  load: { desks: number; callsPerDesk: number; plans: number },
): Promise<DeskOrders[]> {
  const { policies, patients } = testServices(db, now, { catalog, actor: () => 'Office Setup' });
  // The office's administrator sets up VerifyDesk and adds each desk's user, as on the first day.
  const session = createSessionService({ db, now, lockAfterMinutes: () => 60 });
  await session.setup({ ...TEST_ADMIN });
  const users = createUserService({ db, now, actor: session.current });
  const payer = await policies.savePayer(null, payerInput());
  const planIds: number[] = [];
  for (let p = 0; p < load.plans; p++)
    planIds.push((await policies.savePlan(null, planInput(payer.id, `Fictional PPO ${p + 1}`))).id);
  const orders: DeskOrders[] = [];
  for (let desk = 1; desk <= load.desks; desk++) {
    const username = `desk${desk}`;
    await users.save({
      id: null,
      username,
      displayName: `Desk ${desk}`,
      role: 'front_desk',
      active: true,
      password: TEST_ADMIN.password,
    });
    const patientIds: number[] = [];
    for (let k = 0; k < 3; k++)
      patientIds.push((await patients.save(null, patientInput({ firstName: `Deskpatient${desk}x${k}` }))).id);
    orders.push({
      connection,
      desk,
      username,
      password: TEST_ADMIN.password,
      planIds,
      patientIds,
      calls: load.callsPerDesk,
    });
  }
  return orders;
}

/** Starts every desk at once and waits for all of them. */
export async function runDesks(worker: string, orders: DeskOrders[]): Promise<DeskLoadRun> {
  const run: DeskLoadRun = { acknowledged: [], completed: [], refusals: [], wallMs: 0 };
  const began = performance.now();
  await Promise.all(
    orders.map(
      (order) =>
        new Promise<void>((resolve) => {
          const child = spawn(process.execPath, [worker, JSON.stringify(order)], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
          });
          let done = false;
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          createInterface({ input: child.stdout }).on('line', (line) => {
            const [kind, ...rest] = line.split(' ');
            if (kind === 'A')
              run.acknowledged.push({ callId: Number(rest[0]), key: rest[1]!, ms: Number(rest[2]) });
            else if (kind === 'C') run.completed.push(Number(rest[0]));
            else if (kind === 'E') run.refusals.push(`desk ${order.desk}: ${rest.join(' ')}`);
            else if (kind === 'DONE') done = true;
          });
          child.on('close', (code) => {
            if (!done || code !== 0)
              run.refusals.push(`desk ${order.desk} did not finish (exit ${code}): ${stderr.slice(0, 500)}`);
            resolve();
          });
        }),
    ),
  );
  run.wallMs = performance.now() - began;
  return run;
}

export interface OfficeAfterLoad {
  /** Acknowledged answers not in call_answers. */
  lostAnswers: number;
  /** Rows in call_answers no desk was told are saved. */
  unacknowledgedRows: number;
  /** Audit rows of call:answer, one per acknowledged answer when nothing was lost or doubled. */
  answerAuditRows: number;
  chainOk: boolean;
  /** Completed calls with no ledger statement from them. */
  completedWithoutLedger: number;
  /** Deadlocks the server counted in this database (the desks would have been refused: none retry). */
  serverDeadlocks: number;
  answerCommit: BenchResult;
}

export async function checkOffice(db: AppDb, run: DeskLoadRun): Promise<OfficeAfterLoad> {
  // Counted per call and question: an answer acknowledged twice (asked again after it was lost) needs
  // two rows, as each acknowledgement is one answer() that returned.
  const tally = (keys: string[]) =>
    keys.reduce((counts, k) => counts.set(k, (counts.get(k) ?? 0) + 1), new Map<string, number>());
  const onFile = tally(
    (
      await rows<{ call_id: number; answer_key: string }>(db, 'SELECT call_id, answer_key FROM call_answers')
    ).map((r) => `${r.call_id} ${r.answer_key}`),
  );
  const acknowledged = tally(run.acknowledged.map((a) => `${a.callId} ${a.key}`));
  const missing = (from: Map<string, number>, to: Map<string, number>) =>
    [...from].reduce((sum, [k, n]) => sum + Math.max(0, n - (to.get(k) ?? 0)), 0);
  const withLedger = new Set(
    (
      await rows<{ call_id: number }>(
        db,
        'SELECT DISTINCT call_id FROM observations WHERE call_id IS NOT NULL',
      )
    ).map((r) => r.call_id),
  );
  return {
    lostAnswers: missing(acknowledged, onFile),
    unacknowledgedRows: missing(onFile, acknowledged),
    answerAuditRows: await num(
      db,
      'SELECT count(*) AS n FROM audit_log WHERE detail_json LIKE \'%"channel":"call:answer"%\'',
    ),
    chainOk: (await verifyAuditChain(db)).ok,
    completedWithoutLedger: run.completed.filter((id) => !withLedger.has(id)).length,
    serverDeadlocks: await num(
      db,
      'SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()',
    ),
    answerCommit: summarise(
      'desks',
      'answer commit at a desk',
      run.acknowledged.map((a) => a.ms),
    ),
  };
}
