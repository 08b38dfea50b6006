// ENC-8: changing the database key (staff turnover, a key that may be known): the old key stops opening
// the file, the new one opens it whole, a backup from before the change still restores (and comes back
// under the new key), and a change interrupted at any point settles on the next start.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyKey, openCopy, openDb } from '../../src/main/db/connection';
import { verifyBackupFile } from '../../src/main/backup/backupFiles';
import { scheduleRestore } from '../../src/main/backup/restore';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { keyIdOf, readKeyFile, storeKey, writeKeyFile } from '../../src/main/security/dbKey';
import { settleDbKey } from '../../src/main/security/startupKey';
import { openSignedInApp } from '../helpers/appDispatch';
import { fakeKeyProtector } from '../helpers/fakeKeyProtector';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { fixedClock, TEST_NOW } from '../helpers/testClock';
import { testAuditChain } from '../helpers/testAudit';

describe('changing the database key', () => {
  const tempDir = useTempDirs();

  it('re-encrypts the database, keeps the old key for older backups, and asks to store the new recovery code', async () => {
    const { db, send, keys, paths } = await openSignedInApp(tempDir);
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Beforechange' }) });
    const before = (await send('backups:create', {})) as { value: { name: string } };
    expect(keys.recoveryCodePending()).toBeNull();

    expect(await send('security:changeKey', {})).toEqual({
      ok: true,
      value: { changed: true, backupsReencrypted: 1, foldersNotReached: [] },
    });
    expect(keys.current().equals(TEST_DB_KEY)).toBe(false);
    expect(db.sqlite!.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(existsSync(`${paths.dbPath}.before-key-change`)).toBe(false); // the safety copy is gone
    expect(keys.recoveryCodePending()).toMatch(/^[0-9A-Z]{5}-/);
    const audit = db
      .sqlite!.prepare("SELECT detail_json AS d FROM audit_log WHERE entity = 'database_key'")
      .get() as {
      d: string;
    };
    expect(JSON.parse(audit.d)).toEqual({
      fromKey: keyIdOf(TEST_DB_KEY),
      toKey: keyIdOf(keys.current()),
      backupsReencrypted: 1,
      foldersNotReached: 0,
    });
    expect(audit.d).not.toContain(keys.current().toString('hex'));

    // Work after the change, then the app stops: the old key no longer opens the file, the new one does.
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Afterchange' }) });
    await db.close();
    expect(() => openDb(paths.dbPath, TEST_DB_KEY)).toThrow(/damaged|does not open/);
    const reopened = openDb(paths.dbPath, keys.current());
    expect(reopened.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 2 });
    reopened.close();

    // The backup from before the change restores with the old key and comes back under the new one.
    scheduleRestore(
      paths,
      path.join(paths.backupDir, before.value.name),
      keys.all(),
      keys.audit(),
      MIGRATIONS.at(-1)!.version,
      TEST_NOW,
    );
    const restored = await openAppDatabase(paths, fixedClock(), keys.all(), testAuditChain(paths.dbPath));
    expect(restored.restoredFrom).toBe(before.value.name);
    expect(restored.db.sqlite!.prepare('SELECT last_name AS n FROM patients').all()).toEqual([
      { n: 'Beforechange' },
    ]);
    await restored.db.close();
    openDb(paths.dbPath, keys.current()).close();
  });

  it('the backups the old recovery code would open get the new key: both folders and copies before an update; an unplugged drive is named, then caught up', async () => {
    let at = TEST_NOW.getTime();
    const { send, keys, paths, services } = await openSignedInApp(tempDir, () => new Date(at));
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Beforechange' }) });
    const usb = path.join(tempDir(), 'usb-drive');
    mkdirSync(usb);
    await send('settings:update', { backupCopyFolder: usb });
    const made = (await send('backups:create', {})) as { value: { name: string } };
    // A copy taken before an update, as the migration writes them (same key, its own name).
    const stamp = new Date(TEST_NOW.getTime() - 86_400_000).toISOString().replace(/[:.]/g, '-');
    const preMigration = path.join(paths.backupDir, `pre-migration-v11-${stamp}.sqlite`);
    copyFileSync(path.join(paths.backupDir, made.value.name), preMigration);
    const files = () => [
      path.join(paths.backupDir, made.value.name),
      preMigration,
      ...readdirSync(usb).map((n) => path.join(usb, n)),
    ];
    const opensWith = (file: string, key: Buffer) => {
      try {
        verifyBackupFile(file, key);
        return true;
      } catch {
        return false;
      }
    };
    expect(files().every((f) => opensWith(f, TEST_DB_KEY))).toBe(true);

    expect(await send('security:changeKey', {})).toMatchObject({
      ok: true,
      value: { backupsReencrypted: 3, foldersNotReached: [] },
    });
    for (const file of files()) {
      expect(opensWith(file, TEST_DB_KEY), file).toBe(false); // the old recovery code no longer opens it
      expect(opensWith(file, keys.current()), file).toBe(true);
    }
    expect(readdirSync(paths.backupDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The drive is out at the next change: named, and its copy keeps the previous key until it is back.
    const previous = keys.current();
    renameSync(usb, `${usb}-unplugged`);
    expect(await send('security:changeKey', {})).toMatchObject({
      ok: true,
      value: { backupsReencrypted: 2, foldersNotReached: [usb] },
    });
    renameSync(`${usb}-unplugged`, usb);
    const onDrive = path.join(usb, made.value.name);
    expect(opensWith(onDrive, previous)).toBe(true);
    at += 60_000;
    expect((await services.backups.dailyIfDue())?.copy).toMatchObject({ ok: true }); // copied to the drive: it catches up
    expect(existsSync(onDrive)).toBe(true);
    expect(opensWith(onDrive, previous)).toBe(false);
    expect(opensWith(onDrive, keys.current())).toBe(true);
  });

  it('an interrupted change settles at the next start: before the re-encryption it is dropped, after it promoted', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'app.sqlite');
    const keyFilePath = path.join(dir, 'key.json');
    const { protector } = fakeKeyProtector();
    openDb(dbPath, TEST_DB_KEY).close();
    await storeKey(keyFilePath, TEST_DB_KEY, protector);
    const next = Buffer.alloc(32, 0x33);
    const withPending = async () => {
      const file = readKeyFile(keyFilePath)!;
      writeKeyFile(keyFilePath, {
        ...file,
        pending: {
          keyId: keyIdOf(next),
          wrapped: (await protector.wrap(next.toString('hex'))).toString('base64'),
        },
      });
    };
    const start = () => settleDbKey({ dbPath, keyFilePath, protector, recoveryCode: undefined });

    // Crash after storing the pending key, before re-encrypting: the old key still opens; pending dropped.
    await withPending();
    const first = await start();
    expect('key' in first && first.key.equals(TEST_DB_KEY)).toBe(true);
    expect(readKeyFile(keyFilePath)!.pending).toBeNull();

    // Crash after re-encrypting, before promoting: the new key opens; it is promoted, the old one kept.
    await withPending();
    const raw = openCopy(dbPath, TEST_DB_KEY, { readonly: false });
    raw.pragma('journal_mode = DELETE');
    applyKey(raw, next, 'rekey');
    raw.close();
    const second = await start();
    expect('key' in second && second.key.equals(next)).toBe(true);
    expect('history' in second && second.history[0]!.equals(TEST_DB_KEY)).toBe(true);
    const file = readKeyFile(keyFilePath)!;
    expect(file).toMatchObject({ keyId: keyIdOf(next), pending: null, recoveryShownAt: null });
    expect(file.history.map((h) => h.keyId)).toEqual([keyIdOf(TEST_DB_KEY)]);
  });
});
