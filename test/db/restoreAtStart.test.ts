// A restore runs at the next start (DB-9). Two ways the review broke it: the backup it names is gone by
// then (a USB drive unplugged), which stopped the app from starting at all; and a start cut off between
// moving the old database and its -wal aside, after which the old -wal was replayed over the restored
// copy. Both now end with exactly one of: the data as it was (and the reason shown), or the backup.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createAppServices } from '../../src/main/services/container';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { testAuditChain } from '../helpers/testAudit';
import { testKeyRing } from '../helpers/testKeyRing';
import { fixedClock } from '../helpers/testClock';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { testOfficeConnection } from '../helpers/testOfficeConnection';

const patients = (db: Db) => (db.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
const contentHash = (db: Db) =>
  createHash('sha256')
    .update(
      ['patients', 'payers', 'plans', 'coverages', 'calls', 'estimates', 'users']
        .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()))
        .join('\n'),
    )
    .digest('hex');

describe('a restore at the next start', () => {
  const tempDir = useTempDirs();

  async function scheduled() {
    const app = await openSignedInApp(tempDir);
    await app.send('patients:save', { id: null, patient: patientInput({ lastName: 'Inbackup' }) });
    const made = (await app.send('backups:create', {})) as { value: { name: string } };
    const backupHash = contentHash(app.db.sqlite!);
    await app.send('patients:save', { id: null, patient: patientInput({ lastName: 'Afterbackup' }) });
    expect(await app.send('backups:restore', { name: made.value.name })).toMatchObject({ ok: true });
    return {
      ...app,
      name: made.value.name,
      file: path.join(app.paths.backupDir, made.value.name),
      backupHash,
    };
  }

  it('whose backup is gone: the app starts with the data as it was, says why, and does not try again', async () => {
    const { db, paths, file, reported } = await scheduled();
    const before = contentHash(db.sqlite!);
    await db.close();
    renameSync(file, `${file}.on-the-unplugged-drive`);

    const start = () => openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const opened = await start();
    expect(opened.restoredFrom).toBeNull();
    expect(opened.restoreProblem).toBe(
      `The restore asked for did not run, and the data is as it was: the backup ${file} is not there (if it is on a USB drive, plug it in). Choose a backup again in Settings, Backups.`,
    );
    expect(contentHash(opened.db.sqlite!)).toBe(before);
    expect(existsSync(`${paths.dbPath}.restore-pending.json`)).toBe(false);
    // Settings, Backups says so to the administrator.
    const services = await createAppServices({
      db: opened.db,
      catalog: opened.sqlite,
      paths,
      keys: await testKeyRing(tempDir(), fixedClock()),
      officeConnection: testOfficeConnection(tempDir()),
      restart: () => undefined,
      appVersion: 'test',
      now: fixedClock(),
      workstation: 'Test desk',
      clipboard: { writeText: () => undefined },
      files: { save: async () => null, chooseFolder: async () => null, chooseFile: async () => null },
      printer: { toPdf: async () => new Uint8Array(), print: async () => undefined },
      links: { open: async () => undefined },
    });
    expect(await services.backups.restoreProblem()).toEqual({
      at: fixedClock()().toISOString(),
      problem: opened.restoreProblem,
    });
    await opened.db.close();
    // The next start is an ordinary one.
    const again = await start();
    expect(again.restoreProblem).toBeNull();
    await again.db.close();
    expect(reported).toEqual([]);
  });

  it('whose backup was damaged since: the same, with what the check found', async () => {
    const { db, paths, file } = await scheduled();
    const before = contentHash(db.sqlite!);
    await db.close();
    writeFileSync(file, 'no longer a database');
    const opened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    expect(opened.restoreProblem).toMatch(
      /^The restore asked for did not run, and the data is as it was: .*not a database/,
    );
    expect(contentHash(opened.db.sqlite!)).toBe(before);
    await opened.db.close();
  });

  it('cut off after moving the old database aside but before its -wal: the old -wal is not replayed over the backup', async () => {
    const { db, paths, backupHash } = await scheduled();
    // Fifty patients committed to the WAL and not yet written into the database file.
    db.sqlite!.pragma('wal_autocheckpoint = 0');
    const insert = db.sqlite!.prepare(
      "INSERT INTO patients (first_name, last_name, dob, preferred_language, updated_at) VALUES ('Never', ?, '1970-01-02', 'en', 'x')",
    );
    db.sqlite!.transaction(() => {
      for (let i = 0; i < 50; i++) insert.run(`Inwal${i}`);
    })();
    const wal = path.join(tempDir(), 'left-behind-wal');
    copyFileSync(`${paths.dbPath}-wal`, wal);
    await db.close();
    // What the cut-off start left: the database moved aside, its -wal still in place.
    renameSync(paths.dbPath, `${paths.dbPath}.replaced-cut-off`);
    rmSync(`${paths.dbPath}-shm`, { force: true });
    copyFileSync(wal, `${paths.dbPath}-wal`);

    const opened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    expect(opened.restoredFrom).not.toBeNull();
    expect(opened.db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(patients(opened.db.sqlite!)).toBe(1);
    expect(contentHash(opened.db.sqlite!)).toBe(backupHash);
    await opened.db.close();
    // The -wal it left is kept aside, not deleted: it may hold the last work before the restore.
    expect(readdirSync(path.dirname(paths.dbPath)).some((f) => /-wal\.replaced-/.test(f))).toBe(true);
  });
});
