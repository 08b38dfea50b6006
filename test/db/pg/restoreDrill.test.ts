// The restore drill the README asks the IT person to run monthly (ops/postgres/restore-drill.sh),
// against the test server (PostgreSQL only; the db-pg project runs this folder): on an office database
// after a day's work it backs up, restores into a scratch database, finds every table identical and the
// audit trail whole, says OK and leaves nothing behind, even while a desk keeps writing. Its comparison
// run on a restored copy that lost a row, had a row changed, or lost audit entries in the middle or at the
// end, says FAILED, names what differs and exits 1.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../../src/main/audit/auditLog';
import type { AppDb } from '../../../src/main/db/appDb';
import { openTestAppDb } from '../../helpers/appDb';
import { deskDay } from '../../helpers/deskDay';
import { OPS_DIR, signedInAs, superuserEnv } from '../../helpers/pgOps';
import { num } from '../../helpers/sqlRows';
import { fixedClock } from '../../helpers/testClock';
import { testPgAdmin, testPgConnection } from '../../helpers/testEngine';
import { useTempDirs } from '../../helpers/tempDir';

const run = promisify(execFile);
const DRILL = path.join(OPS_DIR, 'restore-drill.sh');
const now = fixedClock();

interface Outcome {
  code: number;
  /** The verdict: the last line printed. */
  verdict: string;
  stderr: string;
}

async function drill(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run('bash', [DRILL, ...args], { env: superuserEnv() });
    return { code: 0, verdict: stdout.trim().split('\n').at(-1)!, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return {
      code: failed.code,
      verdict: failed.stdout.trim().split('\n').at(-1) ?? '',
      stderr: failed.stderr,
    };
  }
}

const databasesLike = async (prefix: string) =>
  (
    await (
      await testPgAdmin()
    ).query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])
  ).rows.map((r) => r.datname);

describe('the restore drill', () => {
  const tempDir = useTempDirs();
  const made: string[] = [];
  afterEach(async () => {
    const admin = await testPgAdmin();
    for (const name of made.splice(0)) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  /** An office database after a day at a desk (and a few more trail entries); its name. */
  async function officeAfterADay(): Promise<{ db: AppDb; name: string }> {
    const { db, catalog } = await openTestAppDb(tempDir, now);
    await deskDay(db, now, catalog);
    for (let i = 0; i < 5; i++)
      await appendAudit(
        db,
        { who: null, otherwise: 'Desk One', action: 'view', entity: 'call', entityId: i },
        now(),
      );
    const { rows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(db.q);
    return { db, name: rows[0]!.name };
  }

  it('backs up, restores, finds every table identical and the trail whole, says OK and drops the scratch copy', async () => {
    const { db, name } = await officeAfterADay();
    const tables = await num(
      db,
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    const entries = await num(db, 'SELECT count(*) AS n FROM audit_log');
    expect(entries).toBeGreaterThan(5);

    const outcome = await drill(name);

    expect(outcome.verdict).toMatch(
      new RegExp(
        `^RESTORE DRILL OK: ${tables} tables and \\d+ rows restored, identical to the office database; audit trail of ${entries} entries linked end to end\\.$`,
      ),
    );
    expect(outcome.code).toBe(0);
    expect(await databasesLike(`${name}_drill_`)).toEqual([]);
  });

  it('says OK while a desk keeps writing: the backup and the counts are taken at one moment', async () => {
    const { db, name } = await officeAfterADay();
    let writing = true;
    let written = 0;
    const desk = (async () => {
      while (writing) {
        await appendAudit(db, { who: null, otherwise: 'Desk Two', action: 'view', entity: 'call' }, now());
        written++;
      }
    })();
    try {
      const outcome = await drill(name);
      expect(outcome.verdict).toMatch(/^RESTORE DRILL OK: /);
    } finally {
      writing = false;
      await desk;
    }
    // The desk really was writing while the drill ran.
    expect(written).toBeGreaterThan(0);
  });

  it('its comparison finds a restored copy that lost or changed rows or audit entries, names it and exits 1', async () => {
    const { db, name } = await officeAfterADay();
    const lastEntry = await num(db, 'SELECT max(id) AS n FROM audit_log');
    const kept = await drill('--keep-scratch', name);
    expect(kept.verdict).toMatch(/^RESTORE DRILL OK: /);
    const [scratch] = await databasesLike(`${name}_drill_`);
    expect(kept.stderr).toContain(`kept as ${scratch}`);
    made.push(scratch!);

    /** A fresh copy of the restored database with `tamper` done to it, compared with the office's. */
    const compareAfter = async (tamper: string): Promise<Outcome> => {
      const copy = `${scratch}_t${made.length}`;
      await (await testPgAdmin()).query(`CREATE DATABASE ${copy} TEMPLATE ${scratch}`);
      made.push(copy);
      const asSuperuser = testPgConnection(copy);
      await signedInAs(asSuperuser, (client) => client.query(tamper));
      return drill('--compare', name, copy);
    };

    // Untouched, the comparison agrees (so what follows is the tampering at work).
    expect((await drill('--compare', name, scratch!)).code).toBe(0);

    const lostRow = await compareAfter(
      'DELETE FROM call_search WHERE call_id = (SELECT min(call_id) FROM call_search)',
    );
    expect(lostRow).toMatchObject({
      code: 1,
      verdict:
        'RESTORE DRILL FAILED: the copy differs from the office database: call_search (1 rows in the office database, 0 in the copy).',
    });

    // (Renaming a patient also re-indexes their calls for Records search, by trigger: both differ.)
    const changedRow = await compareAfter("UPDATE patients SET first_name = 'Someone'");
    expect(changedRow).toMatchObject({
      code: 1,
      verdict:
        'RESTORE DRILL FAILED: the copy differs from the office database: call_search (same number of rows, different contents); patients (same number of rows, different contents).',
    });

    const cutMiddle = await compareAfter(
      'ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = 2',
    );
    expect(cutMiddle.code).toBe(1);
    expect(cutMiddle.verdict).toBe(
      `RESTORE DRILL FAILED: the copy differs from the office database: audit_log (${lastEntry} rows in the office database, ${lastEntry - 1} in the copy); and its audit trail is broken at entry 3: entries before it were removed or inserted.`,
    );

    const cutEnd = await compareAfter(
      `ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = ${lastEntry}`,
    );
    expect(cutEnd.code).toBe(1);
    expect(cutEnd.verdict).toContain(
      `and its audit trail ends at entry ${lastEntry - 1}, but entry ${lastEntry} was written: entries were removed from its end.`,
    );
  });
});
