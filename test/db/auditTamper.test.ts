// HIPAA-7, second round: someone who holds the database key (an administrator who saw the recovery code,
// a copy of the file) edits the trail with a SQLite tool. Every way the review found (rewrite and
// re-chain, cut the end, empty it, make it look unsigned or signed elsewhere, delete the record of its
// end, cut a backup's trail, ask for a restore by hand) must make "Check the trail" or the restore fail.
// Each case also runs the check this replaces (SHA-256 links only), which passes: the control that the
// tampering is real and only the signatures and the head kept outside the database catch it.
import { createHash, createHmac } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newAuditKey } from '../../src/main/audit/auditChain';
import { fileHeadAnchor } from '../../src/main/audit/auditAnchor';
import { recordAudit, verifyAuditChain } from '../../src/main/audit/auditLog';
import { openDb, type Db } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { auditSignaturesMigration } from '../../src/main/db/migrations/0013-audit-signatures';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import type { DataPaths } from '../../src/main/db/paths';
import type { AppDb } from '../../src/main/db/appDb';
import type { AuditLogTable } from '../../src/main/db/schema';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { auditHeadPathOf, TEST_AUDIT_KEY, testAuditChain } from '../helpers/testAudit';
import { fixedClock } from '../helpers/testClock';
import { TEST_DB_KEY } from '../helpers/testDbKey';

/** A row as SQLite returns it: the table's own columns. */
type Row = AuditLogTable;

/** SQLite only: what a key holder with a SQLite tool sees. */
const rawOf = (db: Db | AppDb): Db => ('engine' in db ? db.sqlite! : db);
const rows = (db: Db | AppDb) => rawOf(db).prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
const sha = (prev: string, r: Row) =>
  createHash('sha256')
    .update(prev)
    .update(
      JSON.stringify([
        r.id,
        r.ts_utc,
        r.user_id,
        r.user_name,
        r.action,
        r.entity,
        r.entity_id,
        r.detail_json,
      ]),
    )
    .digest('hex');

/** The check before this round: every link holds under SHA-256 (it ignored who signed). */
function oldCheckPasses(dbPath: string): boolean {
  const db = openDb(dbPath, TEST_DB_KEY);
  try {
    let prev = '0'.repeat(64);
    return rows(db).every((r, i) => {
      const ok = r.id === i + 1 && r.prev_hash === prev && (r.mac_key !== null || sha(prev, r) === r.hash);
      prev = r.hash;
      return ok;
    });
  } finally {
    db.close();
  }
}

/** The key holder at work: the file opened with the database key, the guards dropped, then put back. */
function asKeyHolder(dbPath: string, edit: (db: Db) => void): void {
  const db = openDb(dbPath, TEST_DB_KEY);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  edit(db);
  db.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
             BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
           CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
             BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Rewrites every row from `fromId` on with the key holder's own hashes, so each link holds. */
function rechain(
  db: Db,
  fromId: number,
  sign: (prev: string, r: Row) => { hash: string; macKey: string | null },
) {
  const all = rows(db);
  let prev = fromId === 1 ? '0'.repeat(64) : all[fromId - 2]!.hash;
  const update = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ?, mac_key = ? WHERE id = ?');
  for (const r of all.slice(fromId - 1)) {
    const { hash, macKey } = sign(prev, { ...r, mac_key: null });
    update.run(prev, hash, macKey, r.id);
    prev = hash;
  }
}

describe('the audit trail against someone who holds the database key', () => {
  const tempDir = useTempDirs();

  /** A day's work in the app, then the app closes: the trail's head is recorded outside the database. */
  async function dayOfWork(): Promise<{ paths: DataPaths; entries: number }> {
    const { db, send, paths } = await openSignedInApp(tempDir);
    const saved = (await send('patients:save', { id: null, patient: patientInput() })) as {
      value: { id: number };
    };
    await send('patients:get', { id: saved.value.id });
    for (let i = 0; i < 4; i++) await send('patients:search', { query: `q${i}` });
    const entries = rows(db).length;
    await db.close();
    expect(JSON.parse(readFileSync(auditHeadPathOf(paths.dbPath), 'utf8'))).toMatchObject({ id: entries });
    return { paths, entries };
  }

  /** The next start of the app, then "Check the trail". */
  async function checkAfterRestart(paths: DataPaths) {
    const { db } = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    try {
      return await verifyAuditChain(db);
    } finally {
      await db.close();
    }
  }

  it('an untouched trail passes', async () => {
    const { paths, entries } = await dayOfWork();
    expect(await checkAfterRestart(paths)).toMatchObject({ ok: true, checked: entries, problem: null });
  });

  it('an entry rewritten and the rest re-chained with SHA-256 is found', async () => {
    const { paths } = await dayOfWork();
    asKeyHolder(paths.dbPath, (db) => {
      db.prepare("UPDATE audit_log SET user_name = 'Someone Else' WHERE id = 3").run();
      rechain(db, 3, (prev, r) => ({ hash: sha(prev, r), macKey: null }));
    });
    expect(oldCheckPasses(paths.dbPath)).toBe(true);
    expect(await checkAfterRestart(paths)).toMatchObject({
      ok: false,
      firstBadId: 3,
      problem: expect.stringMatching(/^Entry 3 is unsigned although entries before it are signed/),
    });
  });

  it('re-signed with a key the holder can make (from the database key) is found', async () => {
    const { paths } = await dayOfWork();
    asKeyHolder(paths.dbPath, (db) => {
      db.prepare("UPDATE audit_log SET action = 'view' WHERE id = 4").run();
      rechain(db, 4, (prev, r) => {
        const canonical = JSON.stringify([
          r.id,
          r.ts_utc,
          r.user_id,
          r.user_name,
          r.action,
          r.entity,
          r.entity_id,
          r.detail_json,
          TEST_AUDIT_KEY.id,
        ]);
        return {
          hash: createHmac('sha256', TEST_DB_KEY).update(prev).update(canonical).digest('hex'),
          macKey: TEST_AUDIT_KEY.id,
        };
      });
    });
    expect(await checkAfterRestart(paths)).toMatchObject({ ok: false, firstBadId: 4 });
  });

  it('entries removed from the end are found, also after the app has gone on writing', async () => {
    const { paths, entries } = await dayOfWork();
    asKeyHolder(paths.dbPath, (db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(entries - 2));
    expect(oldCheckPasses(paths.dbPath)).toBe(true);
    expect(await checkAfterRestart(paths)).toMatchObject({
      ok: false,
      problem: `The trail ends at entry ${entries - 2}, but entry ${entries} was written: entries were removed from its end.`,
    });
    // The app goes on (a sign-in, a search): the new entries do not move the record past the cut.
    const { db } = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    for (let i = 0; i < 3; i++)
      await recordAudit(db, { who: null, action: 'view', entity: 'test' }, fixedClock()());
    await Promise.resolve();
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      problem: `Entry ${entries} is not the entry that was written there: the trail was rewritten.`,
    });
    await db.close();
    expect(JSON.parse(readFileSync(auditHeadPathOf(paths.dbPath), 'utf8')).id).toBe(entries);
  });

  it('an emptied trail fails', async () => {
    const { paths } = await dayOfWork();
    asKeyHolder(paths.dbPath, (db) => db.prepare('DELETE FROM audit_log').run());
    expect(oldCheckPasses(paths.dbPath)).toBe(true);
    expect(await checkAfterRestart(paths)).toMatchObject({
      ok: false,
      problem: 'The trail is empty: its entries have been removed.',
    });
  });

  it('deleting the record of the end as well: the record is missing, and is not made again', async () => {
    const { paths, entries } = await dayOfWork();
    asKeyHolder(paths.dbPath, (db) => db.prepare('DELETE FROM audit_log WHERE id > ?').run(entries - 3));
    rmSync(auditHeadPathOf(paths.dbPath));
    const { db } = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    await recordAudit(db, { who: null, action: 'sign_in', entity: 'session' }, fixedClock()());
    await Promise.resolve();
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(
        /^The record of the trail's last entry, kept outside the database \(.+\), is missing/,
      ),
    });
    await db.close();
    expect(existsSync(auditHeadPathOf(paths.dbPath))).toBe(false);
  });

  it('the whole trail made to look unsigned (from before this version), record deleted: found at the next entry', async () => {
    const { paths } = await dayOfWork();
    asKeyHolder(paths.dbPath, (db) => rechain(db, 1, (prev, r) => ({ hash: sha(prev, r), macKey: null })));
    rmSync(auditHeadPathOf(paths.dbPath));
    expect(oldCheckPasses(paths.dbPath)).toBe(true);
    const { db } = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const next = await recordAudit(db, { who: null, action: 'sign_in', entity: 'session' }, fixedClock()());
    await Promise.resolve();
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      firstBadId: next.id,
      problem: expect.stringMatching(/follows entries this computer cannot check/),
    });
    await db.close();
  });

  it('the whole trail made to look signed on another computer, record deleted: found', async () => {
    const { paths } = await dayOfWork();
    const elsewhere = newAuditKey();
    asKeyHolder(paths.dbPath, (db) =>
      rechain(db, 1, (prev) => ({
        hash: createHash('sha256').update(`forged${prev}`).digest('hex'),
        macKey: elsewhere.id,
      })),
    );
    rmSync(auditHeadPathOf(paths.dbPath));
    const { db } = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    await recordAudit(db, { who: null, action: 'sign_in', entity: 'session' }, fixedClock()());
    await Promise.resolve();
    expect(await verifyAuditChain(db)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/follows entries this computer cannot check/),
    });
    await db.close();
  });

  it('a takeover with the recovery code on a new computer: the other computer’s entries are vouched for, later forgeries are not', async () => {
    const { paths, entries } = await dayOfWork();
    // The new computer: its own audit key and record; the recovery code opened the data.
    const newPc = { key: newAuditKey(), anchor: fileHeadAnchor(path.join(tempDir(), 'head.json')) };
    const opened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], newPc, { emergency: true });
    await Promise.resolve();
    expect(await verifyAuditChain(opened.db)).toMatchObject({
      ok: true,
      signedElsewhereThrough: entries,
      checked: entries + 1,
    });
    expect(rows(opened.db).at(-1)).toMatchObject({ action: 'emergency_access', mac_key: newPc.key.id });
    await opened.db.close();
    // A row forged after the takeover under the old computer's key id is refused.
    asKeyHolder(paths.dbPath, (db) => {
      const last = rows(db).at(-1)!;
      db.prepare("INSERT INTO audit_log VALUES (?, ?, NULL, 'x', 'view', 'patient', 1, '{}', ?, ?, ?)").run(
        last.id + 1,
        last.ts_utc,
        last.hash,
        'f'.repeat(64),
        TEST_AUDIT_KEY.id,
      );
    });
    const again = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], newPc);
    expect(await verifyAuditChain(again.db)).toMatchObject({ ok: false, firstBadId: entries + 2 });
    await again.db.close();
  });

  it('"Check the trail" in the app says what was found, and the check itself is recorded', async () => {
    const { db, send, paths } = await openSignedInApp(tempDir);
    for (let i = 0; i < 3; i++) await send('patients:search', { query: `q${i}` });
    expect(await send('audit:verify', {})).toMatchObject({ ok: true, value: { ok: true, problem: null } });
    expect(rows(db).at(-1)).toMatchObject({ action: 'view', entity: 'audit_log' });
    const n = rows(db).length;
    asKeyHolder(paths.dbPath, (raw) => raw.prepare('DELETE FROM audit_log WHERE id > ?').run(n - 2));
    const found = await send('audit:verify', {});
    expect(found).toMatchObject({
      ok: true,
      value: { ok: false, problem: expect.stringMatching(/entries were removed from its end/) },
    });
  });

  it('an install from before signing: the update signs from its own entry on, and vouches for the entries before it', async () => {
    const dir = tempDir();
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const old = openDb(paths.dbPath, TEST_DB_KEY);
    migrate(old, MIGRATIONS.slice(0, auditSignaturesMigration.version - 1), {
      ...paths,
      now: fixedClock(),
      key: TEST_DB_KEY,
    });
    // Three entries as the previous version wrote them: SHA-256 links, no signature.
    let prev = '0'.repeat(64);
    for (let id = 1; id <= 3; id++) {
      const r = {
        id,
        ts_utc: fixedClock()().toISOString(),
        user_id: null,
        user_name: 'x',
        action: 'view',
        entity: 'test',
        entity_id: null,
        detail_json: '{}',
      } as Row;
      const hash = sha(prev, r);
      old
        .prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, r.ts_utc, null, 'x', 'view', 'test', null, '{}', prev, hash);
      prev = hash;
    }
    old.close();
    const upgraded = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    expect(rows(upgraded.db).at(-1)).toMatchObject({
      id: 4,
      action: 'audit_signing',
      mac_key: TEST_AUDIT_KEY.id,
    });
    await Promise.resolve();
    expect(await verifyAuditChain(upgraded.db)).toMatchObject({ ok: true, checked: 4 });
    await upgraded.db.close();
    // An old entry edited and the old entries re-chained: the signed entry after them no longer links.
    asKeyHolder(paths.dbPath, (db) => {
      db.prepare("UPDATE audit_log SET user_name = 'Someone Else' WHERE id = 2").run();
      const all = rows(db);
      let p = all[0]!.hash;
      for (const r of all.slice(1, 3)) {
        const hash = sha(p, r);
        db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(p, hash, r.id);
        p = hash;
      }
    });
    expect(await checkAfterRestart(paths)).toMatchObject({ ok: false, firstBadId: 4 });
  });

  describe('backups', () => {
    async function withBackup() {
      const app = await openSignedInApp(tempDir);
      await app.send('patients:save', { id: null, patient: patientInput() });
      const made = (await app.send('backups:create', {})) as { value: { name: string } };
      return { ...app, name: made.value.name, file: path.join(app.paths.backupDir, made.value.name) };
    }

    it('a backup whose trail was cut (its own entry removed) is refused for restore, with the reason', async () => {
      const { send, name, file } = await withBackup();
      expect(await send('backups:preview', { name })).toMatchObject({ ok: true });
      asKeyHolder(file, (db) =>
        db.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run(),
      );
      const refused = {
        ok: false,
        error: {
          code: 'validation',
          message: expect.stringMatching(/does not end with the entry that records this backup/),
        },
      };
      expect(await send('backups:preview', { name })).toMatchObject(refused);
      expect(await send('backups:restore', { name })).toMatchObject(refused);
    });

    it('a backup whose trail was rewritten is refused', async () => {
      const { send, name, file } = await withBackup();
      asKeyHolder(file, (db) => {
        db.prepare("UPDATE audit_log SET user_name = 'Someone Else' WHERE id = 2").run();
        rechain(db, 2, (prev, r) => ({ hash: sha(prev, r), macKey: null }));
      });
      expect(await send('backups:restore', { name })).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/Its audit trail was altered: Entry 2/) },
      });
    });

    it('a restore asked for by a file written outside VerifyDesk does not run; the start goes on and says why', async () => {
      const { db, paths, file } = await withBackup();
      const before = (db.sqlite!.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n;
      await db.close();
      writeFileSync(
        `${paths.dbPath}.restore-pending.json`,
        JSON.stringify({ backupFile: file, requestedAt: fixedClock()().toISOString(), mac: '00'.repeat(32) }),
      );
      const opened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
      expect(opened.restoredFrom).toBeNull();
      expect(opened.restoreProblem).toMatch(/it was not asked for in VerifyDesk on this computer/);
      expect((opened.db.sqlite!.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBe(
        before,
      );
      expect(rows(opened.db).at(-1)).toMatchObject({ action: 'restore_failed' });
      expect(existsSync(`${paths.dbPath}.restore-pending.json`)).toBe(false);
      await opened.db.close();
    });

    it('a restore asked for in the app: the trail is the backup’s plus the restore, which names the head it replaced; the check passes', async () => {
      const { db, send, paths, name } = await withBackup();
      for (let i = 0; i < 3; i++) await send('patients:search', { query: `later${i}` });
      await send('backups:restore', { name });
      const replaced = JSON.parse(readFileSync(auditHeadPathOf(paths.dbPath), 'utf8')) as {
        id: number;
        hash: string;
      };
      await db.close();
      const opened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
      expect(opened.restoredFrom).toBe(name);
      const restore = rows(opened.db).at(-1)!;
      expect(restore.action).toBe('restore');
      expect(JSON.parse(restore.detail_json)).toEqual({
        file: name,
        replacedHead: { id: replaced.id, hash: replaced.hash },
      });
      expect(await verifyAuditChain(opened.db)).toMatchObject({ ok: true });
      await opened.db.close();
    });
  });
});
