// DB-2/DB-11: "a committed answer survives a power cut". A power cut is modelled by an LD_PRELOAD shim
// (test/fixtures/durability/dropUnsynced.c, built here with gcc): it keeps what each file held at its
// last fsync; after the writer dies the test puts those copies back and deletes files never synced. The
// writer answers a call through the real service; the cut is placed at every sync point in turn. After
// each cut: the database opens and passes its integrity check, every acknowledged answer is there, and
// the call's stored state is exactly what the script engine derives from its stored answers. Controls,
// each of which must be caught: synchronous=OFF and NORMAL (acknowledged answers lost), statements
// without their transaction (state out of step with answers), acknowledging before saving.
// The model is the disk keeping exactly what was flushed: a disk that lies about flushing is beyond it.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/db/connection';
import {
  answerKey,
  answerStep,
  currentStep,
  startCall,
  type CallState,
} from '../../src/shared/script/engine';
import { scriptById } from '../../src/shared/script/scripts';
import type { Answer } from '../../src/shared/script/scriptTypes';
import { openTestAppDb } from '../helpers/appDb';
import { patientInput, payerInput, planInput } from '../helpers/policyFixtures';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import type { WriterMode } from '../fixtures/children/callWriter';
import { testServices } from '../helpers/services';

const ROOT = path.resolve(__dirname, '../..');
const SHIM_SOURCE = path.join(ROOT, 'test/fixtures/durability/dropUnsynced.c');
const WRITER_SOURCE = path.join(ROOT, 'test/fixtures/children/callWriter.ts');
/** One planned code: a whole call of answers, short enough to cut at every one of its sync points. */
const CODES = '1';

let dir: string;
let shim: string;
let writer: string;
let template: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-powercut-'));
  shim = path.join(dir, 'dropUnsynced.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O2', '-Wall', '-o', shim, SHIM_SOURCE, '-ldl']);
  // The writer as one plain script: node starts it in a fraction of what a TypeScript loader takes.
  writer = path.join(dir, 'callWriter.cjs');
  execFileSync(path.join(ROOT, 'node_modules/.bin/esbuild'), [
    WRITER_SOURCE,
    '--bundle',
    '--platform=node',
    '--format=cjs',
    '--external:better-sqlite3-multiple-ciphers',
    `--outfile=${writer}`,
    '--log-level=warning',
  ]);
  const templateDir = path.join(dir, 'template');
  mkdirSync(templateDir);
  const { db, paths, now } = await openTestAppDb(() => templateDir);
  const { policies, patients } = testServices(db, now, { actor: () => 'Crash Test' });
  await policies.savePlan(null, planInput((await policies.savePayer(null, payerInput())).id));
  await patients.save(null, patientInput());
  db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  await db.close();
  template = paths.dbPath;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  runDir: string;
  dbPath: string;
  callId: number;
  acked: number;
  pragmas: string;
  killed: boolean;
  /** Files the writer synced, in order (one line per sync). */
  syncs: string[];
}

let runs = 0;

/**
 * Runs the writer on a fresh copy of the template under the shim. `cutAtSync`: it dies on entering that
 * sync; `cutAfterAck`: it dies right after that acknowledgement. Then the power cut is applied.
 */
function runWriter(mode: WriterMode, cut: { cutAtSync?: number; cutAfterAck?: number } = {}): Promise<Run> {
  const runDir = path.join(dir, `run-${++runs}`);
  const store = `${runDir}-synced`;
  mkdirSync(runDir);
  mkdirSync(store);
  const dbPath = path.join(runDir, 'app.sqlite');
  copyFileSync(template, dbPath);
  copyFileSync(template, path.join(store, 'app.sqlite')); // on disk before the writer starts
  const log = `${runDir}-syncs.log`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dbPath, mode, CODES], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        // After any preload already there (faketime's, when the suite runs at another date).
        LD_PRELOAD: [process.env.LD_PRELOAD, shim].filter(Boolean).join(':'),
        DURABLE_WATCH: `${runDir}/`,
        DURABLE_STORE: store,
        DURABLE_LOG: log,
        ...(cut.cutAtSync ? { DURABLE_KILL_AT: String(cut.cutAtSync) } : {}),
        ...(cut.cutAfterAck ? { WRITER_CUT_AFTER_ACK: String(cut.cutAfterAck) } : {}),
      },
    });
    let callId = 0;
    let acked = 0;
    let pragmas = '';
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('PRAGMAS ')) pragmas = line.slice(8);
        if (line.startsWith('CALL ')) callId = Number(line.slice(5));
        if (line.startsWith('ACK ')) acked = Number(line.slice(4));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`writer failed (${code}): ${stderr}`));
      powerCut(runDir, store);
      const syncs = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : [];
      resolve({ runDir, dbPath, callId, acked, pragmas, killed: signal === 'SIGKILL', syncs });
    });
  });
}

/** What the disk holds after the cut: each file as it was at its last sync; files never synced are gone. */
function powerCut(runDir: string, store: string): void {
  for (const name of readdirSync(runDir)) {
    const file = path.join(runDir, name);
    if (statSync(file).isDirectory()) continue;
    if (existsSync(path.join(store, name))) copyFileSync(path.join(store, name), file);
    else rmSync(file);
  }
}

/** Why the call's stored state is not what its stored answers lead to, or null when it is. */
function stateOutOfStep(db: Db, callId: number): string | null {
  const call = db
    .prepare(
      'SELECT script_id AS scriptId, planned_json AS planned, state_json AS state, rep_name AS repName FROM calls WHERE id = ?',
    )
    .get(callId) as { scriptId: string; planned: string; state: string; repName: string | null } | undefined;
  if (!call) return 'the call is missing';
  const script = scriptById(call.scriptId);
  const codes = (JSON.parse(call.planned) as Array<{ code: string }>).map((p) => p.code);
  let state: CallState = startCall(script, codes);
  const answers = db
    .prepare(
      'SELECT answer_key AS key, answer_json AS answer FROM call_answers WHERE call_id = ? ORDER BY id',
    )
    .all(callId) as Array<{ key: string; answer: string }>;
  for (const row of answers) {
    const step = currentStep(script, state);
    if (!step || answerKey(step, state.codeIndex, state.codes) !== row.key)
      return `answer ${row.key} does not follow from the ones before`;
    state = answerStep(script, state, JSON.parse(row.answer) as Answer);
  }
  const { answers: _a, codes: _c, ...derived } = state;
  const stored = JSON.parse(call.state) as Omit<CallState, 'answers' | 'codes'>;
  if (JSON.stringify(stored) !== JSON.stringify(derived))
    return `stored state ${stored.stepId} (${stored.trail.length} steps) but the answers lead to ${derived.stepId} (${derived.trail.length} steps)`;
  const rep = answers.find((a) => a.key === 'rep_name');
  if (rep && (JSON.parse(rep.answer) as Answer).value !== call.repName)
    return 'the rep name field is out of step with its answer';
  return null;
}

function check(run: Run): { intact: boolean; answers: number; outOfStep: string | null } {
  const db = openDb(run.dbPath, TEST_DB_KEY); // runs quick_check
  try {
    const intact = db.pragma('integrity_check', { simple: true }) === 'ok';
    const answers = (
      db.prepare('SELECT count(*) AS n FROM call_answers WHERE call_id = ?').get(run.callId) as { n: number }
    ).n;
    return { intact, answers, outOfStep: run.callId ? stateOutOfStep(db, run.callId) : null };
  } finally {
    db.close();
  }
}

describe('power cut while answering a call', () => {
  it('cut at every sync point: intact, every acknowledged answer kept, the call in step with its answers', async () => {
    const full = await runWriter('honest');
    expect(full.pragmas).toBe('journal_mode=wal synchronous=2');
    const points = full.syncs.length;
    expect(points).toBeGreaterThan(full.acked); // at least one sync per answer
    const problems: string[] = [];
    let lostUnacknowledged = 0;
    for (let cutAt = 1; cutAt <= points; cutAt++) {
      const run = await runWriter('honest', { cutAtSync: cutAt });
      const { intact, answers, outOfStep } = check(run);
      if (run.pragmas !== 'journal_mode=wal synchronous=2') problems.push(`${cutAt}: pragmas ${run.pragmas}`);
      if (!intact) problems.push(`${cutAt}: integrity check failed`);
      if (answers < run.acked) problems.push(`${cutAt}: ${run.acked} acknowledged, ${answers} kept`);
      if (outOfStep) problems.push(`${cutAt}: ${outOfStep}`);
      if (run.killed && answers < full.acked) lostUnacknowledged++;
    }
    console.log(
      `power-cut test: ${points} cut points over a call of ${full.acked} answers; ${lostUnacknowledged} cuts lost answers not yet acknowledged, problems: ${problems.length}`,
    );
    expect(problems).toEqual([]);
    // The cuts were real: most of them landed before the call was done.
    expect(lostUnacknowledged).toBeGreaterThan(points / 2);
  }, 180_000);

  it.each(['sync-off', 'sync-normal'] as const)(
    'control: %s loses acknowledged answers at a cut, and its pragma is seen',
    async (mode) => {
      for (const cutAfterAck of [8, 20]) {
        const run = await runWriter(mode, { cutAfterAck });
        expect(run.pragmas).toBe(`journal_mode=wal synchronous=${mode === 'sync-off' ? 0 : 1}`);
        expect(check(run).answers, `killed after ack ${cutAfterAck}`).toBeLessThan(run.acked);
      }
    },
    60_000,
  );

  it('control: answers written without their transaction leave the call out of step at some cut', async () => {
    let caught = 0;
    for (let cutAt = 4; cutAt <= 11; cutAt++) {
      const run = await runWriter('no-transaction', { cutAtSync: cutAt });
      const { intact, answers, outOfStep } = check(run);
      expect(intact).toBe(true);
      expect(answers).toBeGreaterThanOrEqual(run.acked); // it loses nothing acknowledged: only the oracle sees it
      if (outOfStep) caught++;
    }
    console.log(`power-cut control: ${caught} of 8 cuts left a call without transactions out of step`);
    expect(caught).toBeGreaterThan(0);
  }, 60_000);

  it('control: acknowledging before saving is caught', async () => {
    let caught = 0;
    for (const cutAfterAck of [3, 11, 19]) {
      const run = await runWriter('ack-first', { cutAfterAck });
      if (check(run).answers < run.acked) caught++;
    }
    expect(caught).toBeGreaterThan(0);
  }, 60_000);

  it('DB-14: a cut, then a full disk on the first write after reopening, still leaves the database sound', async () => {
    const run = await runWriter('honest', { cutAtSync: 12 });
    const db = openDb(run.dbPath, TEST_DB_KEY);
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const bigWrite = db.transaction(() => {
      for (let i = 0; i < 200; i++)
        db.prepare(
          "INSERT INTO call_amendments (call_id, amended_at, amended_by, what, why) VALUES (?, '2026-11-22T15:00:00Z', 'Test', ?, 'disk full test')",
        ).run(run.callId, 'x'.repeat(2000));
    });
    expect(() => bigWrite()).toThrow(expect.objectContaining({ code: 'SQLITE_FULL' }));
    expect(db.inTransaction).toBe(false);
    db.close();
    const after = check(run);
    expect(after.intact).toBe(true);
    expect(after.answers).toBeGreaterThanOrEqual(run.acked);
  }, 60_000);
});
