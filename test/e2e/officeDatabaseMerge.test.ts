// "Merge this computer's data into the office database" in the real renderer, the whole way: desk 1 has
// moved its data into an office database on a PostgreSQL server of this test's own; this computer (the
// harness, with a day's work of its own: the same patient with the same member ID, and a Lena Ortiz who
// only partly matches desk 1's) tests the connection, is offered the merge, types the office key, is
// shown the doubtful pair to review, says "Different patients", merges, and reads what was merged. On the
// server: this computer's call for the shared patient belongs to desk 1's patient, this computer's Lena
// is a patient of her own, and this computer's trail is kept beside the office's.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSessionService } from '../../src/main/auth/sessionService';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createOfficeDatabase } from '../../src/main/db/pg/checkOfficeDatabase';
import { moveToOfficeDatabase } from '../../src/main/db/pg/moveToOffice';
import { recoveryCodeOf } from '../../src/main/security/dbKey';
import type { OfficeDatabaseSettings } from '../../src/shared/settings/officeDatabase';
import type { AppDb } from '../../src/main/db/appDb';
import { deskDay } from '../helpers/deskDay';
import { startOwnPgServer, type OwnPgServer } from '../helpers/ownPgServer';
import { patientInput } from '../helpers/policyFixtures';
import { testServices } from '../helpers/services';
import { rows } from '../helpers/sqlRows';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { TEST_AUDIT_KEY, testAuditChain } from '../helpers/testAudit';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { startHarness, type Harness } from './harness';
import { openOfficeDatabaseSettings, typeLoopbackServer } from './officeDatabaseForm';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
const MERGE = 'Merge this computer’s data into the office database';
const DATABASE = 'verifydesk_office';

/** A day's work, a member ID on the day's patient, and Lena Ortiz with a call of her own. */
async function dayWithLena(db: AppDb, sqlite: Db, now: () => Date, ids: { shared: string; lena: string }) {
  const day = await deskDay(db, now, sqlite);
  const { patient_id: shared, plan_id: planId } = sqlite
    .prepare('SELECT patient_id, plan_id FROM calls WHERE id = ?')
    .get(day.callId) as { patient_id: number; plan_id: number };
  const coverage = sqlite.prepare(
    `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship, updated_at)
     VALUES (?, ?, 1, ?, 'Self', 'self', '2000-01-01T00:00:00.000Z')`,
  );
  coverage.run(shared, planId, ids.shared);
  const s = testServices(db, now, { catalog: sqlite });
  const lena = await s.patients.save(null, {
    ...patientInput(),
    firstName: 'Lena',
    lastName: 'Ortiz',
    dob: '1981-04-05',
  });
  coverage.run(lena.id, planId, ids.lena);
  return { callId: day.callId, shared, lena: lena.id };
}

describe("Settings, Office database: merging this computer's data", () => {
  let h: Harness;
  let server: OwnPgServer;
  let deskOneDir: string;
  let settings: OfficeDatabaseSettings;
  let deskOne: { shared: number; lena: number };
  let here: { callId: number; shared: number; lena: number };
  beforeAll(async () => {
    server = startOwnPgServer();
    const admin = await server.admin();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    h = await startHarness();
    const now = () => h.now();
    const connection = server.connection(DATABASE);
    settings = {
      host: '127.0.0.1',
      port: connection.port,
      database: DATABASE,
      user: connection.user,
      password: connection.password!,
      requireTls: false,
      caCertificate: '',
    };
    // Desk 1: its own file, moved into the new office database (so the office trail is signed with its key).
    deskOneDir = mkdtempSync(path.join(os.tmpdir(), 'verifydesk-desk1-'));
    const dbPath = path.join(deskOneDir, 'desk1.sqlite');
    const one = await openAppDatabase(
      { dbPath, backupDir: path.join(deskOneDir, 'backups') },
      now,
      [TEST_DB_KEY],
      testAuditChain(dbPath),
    );
    const session = createSessionService({ db: one.db, now, lockAfterMinutes: () => 15 });
    await session.setup({ ...TEST_ADMIN });
    deskOne = await dayWithLena(one.db, one.sqlite, now, { shared: 'M-100', lena: 'LO-1' });
    await createOfficeDatabase(settings, now);
    await moveToOfficeDatabase(one.db, settings, { now, computer: 'Front desk 1', who: session.current() });
    await one.db.close();
    // This computer: the same patient and member ID, and another Lena Ortiz (another member ID).
    here = await dayWithLena(h.db, h.db.sqlite!, now, { shared: 'M 100', lena: 'LO-2' });
  });
  afterAll(async () => {
    await h?.close();
    server?.remove();
    if (deskOneDir) rmSync(deskOneDir, { recursive: true, force: true });
  });

  it('an administrator types the office key, reviews the doubtful patient, merges, and reads what was merged', async () => {
    const page = h.page;
    const connection = server.connection(DATABASE);
    await openOfficeDatabaseSettings(page);
    await typeLoopbackServer(page, {
      ...connection,
      host: '127.0.0.1',
      database: DATABASE,
      password: connection.password!,
    });
    await page.getByRole('button', { name: 'Test the connection' }).click();
    await expect
      .poll(() => page.locator('[data-outcome]').textContent())
      .toContain('It holds office data already.');
    await page.getByRole('button', { name: MERGE }).click();
    const box = page.getByRole('group', { name: 'Merge this computer’s data' });
    expect(await box.textContent()).toContain(
      `Merge this computer’s data into ${DATABASE} on 127.0.0.1:${connection.port}?`,
    );
    await box.getByLabel(/^Office key/).fill(recoveryCodeOf(TEST_AUDIT_KEY.key));
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await h.screenshot(`settings-office-database-merge-confirm-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    await box.getByRole('button', { name: 'Merge the data' }).click();

    // Refused for review: exactly Lena, both sides, and nothing merged yet.
    const pairs = box.getByRole('listitem');
    await expect.poll(() => pairs.count()).toBe(1);
    const pair = await pairs.first().textContent();
    expect(pair).toContain('On this computerLena Ortizborn 04/05/1981member ID LO2');
    expect(pair).toContain('In the office databaseLena Ortizborn 04/05/1981member ID LO1');
    expect(pair).toContain('Same name and birth date, but the member IDs differ.');
    const decide = box.getByRole('button', { name: 'Merge with these decisions' });
    expect(await decide.isDisabled()).toBe(true);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await h.screenshot(`settings-office-database-merge-review-${size.width}`);
    }
    await page.setViewportSize(SIZES[0]);
    const client = new pg.Client({ ...connection, ssl: false });
    await client.connect();
    try {
      expect(Number((await client.query('SELECT count(*) AS n FROM merged_rows')).rows[0].n)).toBe(0);
      await box.getByLabel('Different patients').check();
      await decide.click();
      const result = page.locator('[data-outcome="merged"]');
      await expect.poll(() => result.count()).toBe(1);
      const said = await result.textContent();
      expect(said).toMatch(
        new RegExp(
          `Merged this computer's data into the office database ${DATABASE} on 127\\.0\\.0\\.1:${connection.port}: (no new users|\\d+ new users?)( \\(\\d+ already there\\))?, 1 new patient \\(1 already there\\), `,
        ),
      );
      expect(said).toContain(
        'This computer keeps its own copy; from its next start it opens the office database.',
      );
      expect(await result.getByLabel('The office key').textContent()).toBe(
        recoveryCodeOf(TEST_AUDIT_KEY.key),
      );
      for (const size of SIZES) {
        await page.setViewportSize(size);
        await h.screenshot(`settings-office-database-merged-${size.width}`);
      }
      await page.setViewportSize(SIZES[0]);

      // On the server: this computer's call belongs to desk 1's patient; its Lena is her own patient.
      const newId = async (kind: string, old: number) =>
        Number(
          (
            await client.query('SELECT new_id FROM merged_rows WHERE kind = $1 AND old_id = $2', [
              kind,
              String(old),
            ])
          ).rows[0].new_id,
        );
      const call = await client.query('SELECT patient_id FROM calls WHERE id = $1', [
        await newId('calls', here.callId),
      ]);
      expect(call.rows).toEqual([{ patient_id: deskOne.shared }]);
      const lena = await newId('patients', here.lena);
      expect(lena).not.toBe(deskOne.lena);
      expect(
        (await client.query('SELECT first_name, last_name FROM patients WHERE id = $1', [lena])).rows,
      ).toEqual([{ first_name: 'Lena', last_name: 'Ortiz' }]);
      const trail = await rows<{ id: number; hash: string }>(
        h.db,
        'SELECT id, hash FROM audit_log ORDER BY id',
      );
      const kept = (await client.query('SELECT id, hash FROM merged_audit_log ORDER BY id'))
        .rows as unknown[];
      // Kept as it was when merged (this computer has written its own record of the merge since).
      expect(trail.slice(0, kept.length)).toEqual(kept);
    } finally {
      await client.end();
    }
  });
});
