// SIGKILL the process answering a call at random points; after each kill the database must be intact and
// hold every answer that was acknowledged. The negative control acknowledges before saving and must be
// caught, which proves the check can see a loss.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/connection';
import { openTestAppDb } from '../helpers/appDb';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { testServices } from '../helpers/services';

const CHILD = path.resolve(__dirname, '../fixtures/children/callWriter.ts');
const RUNS = Number(process.env.CRASH_RUNS ?? 200);
const CONTROL_RUNS = 20;

let dir: string;
let template: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-crash-'));
  const { db, paths, now } = openTestAppDb(() => dir);
  const policies = testServices(db, now, { actor: () => 'Crash Test' }).policies;
  policies.savePlan(null, planInput(policies.savePayer(null, payerInput()).id));
  testServices(db, now, { actor: () => 'Crash Test' }).patients.save(null, patientInput());
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  template = paths.dbPath;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the writer on a fresh copy of the template; kills it right after the `killAt`-th ACK. */
function runOnce(
  run: number,
  mode: 'honest' | 'ack-first',
  killAt: number,
): Promise<{ dbPath: string; callId: number; acked: number }> {
  const runDir = path.join(dir, `${mode}-${run}`);
  mkdirSync(runDir);
  const dbPath = path.join(runDir, 'app.sqlite');
  copyFileSync(template, dbPath);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let callId = 0;
    let acked = 0;
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('CALL ')) callId = Number(line.slice(5));
        if (line.startsWith('ACK ')) {
          acked = Number(line.slice(4));
          if (acked === killAt) child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ dbPath, callId, acked });
      else reject(new Error(`writer failed (${code}): ${stderr}`));
    });
  });
}

function check(dbPath: string, callId: number): { ok: boolean; answers: number } {
  const db = openDb(dbPath, TEST_DB_KEY); // quick_check on open
  const ok = db.pragma('integrity_check', { simple: true }) === 'ok';
  const answers = (
    db.prepare('SELECT count(*) AS n FROM call_answers WHERE call_id = ?').get(callId) as { n: number }
  ).n;
  db.close();
  return { ok, answers };
}

describe('crash test: SIGKILL while answering a call', () => {
  it(`${RUNS} random kills: the database is intact and every acknowledged answer is there`, async () => {
    let losses = 0;
    let damaged = 0;
    for (let run = 0; run < RUNS; run++) {
      const killAt = 1 + Math.floor(Math.random() * 60);
      const { dbPath, callId, acked } = await runOnce(run, 'honest', killAt);
      const { ok, answers } = check(dbPath, callId);
      if (!ok) damaged++;
      if (answers < acked) losses++;
    }
    console.log(
      `crash test: ${RUNS} SIGKILLs, ${damaged} damaged databases, ${losses} runs lost an acknowledged answer`,
    );
    expect(damaged).toBe(0);
    expect(losses).toBe(0);
  }, 600_000);

  it('negative control: acknowledging before saving is caught', async () => {
    let caught = 0;
    for (let run = 0; run < CONTROL_RUNS; run++) {
      const { dbPath, callId, acked } = await runOnce(run, 'ack-first', 1 + Math.floor(Math.random() * 30));
      if (check(dbPath, callId).answers < acked) caught++;
    }
    console.log(
      `crash test control: ${caught} of ${CONTROL_RUNS} runs with ACK-before-commit lost an acknowledged answer`,
    );
    expect(caught).toBeGreaterThan(0);
  }, 120_000);

  it('DB-14: a kill, then a full disk on the first write after reopening, still leaves the database sound', async () => {
    const { dbPath, callId, acked } = await runOnce(RUNS + 1, 'honest', 5); // its own folder
    const db = openDb(dbPath, TEST_DB_KEY);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const bigWrite = db.transaction(() => {
      for (let i = 0; i < 200; i++)
        db.prepare(
          "INSERT INTO call_amendments (call_id, amended_at, amended_by, what, why) VALUES (?, '2026-11-22T15:00:00Z', 'Test', ?, 'disk full test')",
        ).run(callId, 'x'.repeat(2000));
    });
    expect(() => bigWrite()).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(db.inTransaction).toBe(false);
    db.close();
    const { ok, answers } = check(dbPath, callId);
    expect(ok).toBe(true);
    expect(answers).toBeGreaterThanOrEqual(acked);
  }, 60_000);
});
