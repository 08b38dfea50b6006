// Backups and restore (DB-8, DB-9, DB-10, DB-14): verified before they are named, encrypted like the
// database, pruned by a rule that keeps what matters, and restored at the next start over the current
// file (which is backed up first), with no stale WAL replayed.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsToPrune, verifyBackupFile, type BackupFile } from '../../src/main/backup/backupFiles';
import { latestGoodBackup } from '../../src/main/backup/damagedStart';
import { scheduleRestore } from '../../src/main/backup/restore';
import type { Db } from '../../src/main/db/connection';
import { openCopy, openDb } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { TEST_NOW, atNoon, fixedClock, daysFromToday } from '../helpers/testClock';
import { TEST_AUDIT_KEY, testAuditChain } from '../helpers/testAudit';

const LATEST = MIGRATIONS.at(-1)!.version;

/** Every row of the tables a person's work lives in, hashed. */
function contentHash(db: Db): string {
  const tables = ['patients', 'payers', 'plans', 'coverages', 'calls', 'call_answers', 'estimates', 'users'];
  return createHash('sha256')
    .update(tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all())).join('\n'))
    .digest('hex');
}

describe('backups and restore', () => {
  const tempDir = useTempDirs();

  it('a backup is encrypted, verified, and carries its own audit entry as its trail head; daily runs once a day', async () => {
    const { db, send, services, paths } = await openSignedInApp(tempDir);
    await send('patients:save', { id: null, patient: patientInput() });
    const made = await send('backups:create', {});
    expect(made).toMatchObject({ ok: true, value: { kind: 'manual', schemaVersion: LATEST } });
    const name = (made as { value: { name: string } }).value.name;
    const file = path.join(paths.backupDir, name);
    expect(readFileSync(file).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    expect(readFileSync(file).includes(Buffer.from('Qzxlast'))).toBe(false);
    expect(verifyBackupFile(file, TEST_DB_KEY).counts.patients).toBe(1);
    const recorded = db
      .sqlite!.prepare("SELECT id, hash, detail_json AS d FROM audit_log WHERE action = 'backup'")
      .get() as { id: number; hash: string; d: string };
    expect(JSON.parse(recorded.d)).toEqual({ file: name, kind: 'manual' });
    // The copy's trail ends exactly at the entry that records it: its head travels inside it.
    const copy = openCopy(file, TEST_DB_KEY, { readonly: true });
    expect(copy.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get()).toEqual({
      id: recorded.id,
      hash: recorded.hash,
    });
    copy.close();

    expect(await services.backups.dailyIfDue()).toMatchObject({ kind: 'daily' });
    expect(await services.backups.dailyIfDue()).toBeNull();
    // No temporary files are left behind.
    expect(readdirSync(paths.backupDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('temporary files a killed backup left behind are swept by the next backup; other files are left alone', async () => {
    const { send, paths } = await openSignedInApp(tempDir);
    const first = (await send('backups:create', {})) as { value: { name: string } };
    // What a kill during a backup, or during its copy to the second folder, leaves.
    const orphan = path.join(paths.backupDir, `.${first.value.name.replace('-manual', '-daily')}.tmp`);
    writeFileSync(orphan, 'half a backup');
    writeFileSync(path.join(paths.backupDir, '.notes.tmp'), 'not ours');
    expect(existsSync(orphan)).toBe(true);
    await send('backups:create', {}).then(() => undefined); // same millisecond: refused, but swept first
    expect(existsSync(orphan)).toBe(false);
    expect(existsSync(path.join(paths.backupDir, '.notes.tmp'))).toBe(true);
  });

  it('a truncated or bit-flipped copy fails the verifier', async () => {
    const { send, paths } = await openSignedInApp(tempDir);
    const made = (await send('backups:create', {})) as { value: { name: string } };
    const good = readFileSync(path.join(paths.backupDir, made.value.name));
    const truncated = path.join(paths.backupDir, 'truncated.sqlite');
    writeFileSync(truncated, good.subarray(0, Math.floor(good.length / 2)));
    expect(() => verifyBackupFile(truncated, TEST_DB_KEY)).toThrow();
    const flipped = Buffer.from(good);
    flipped[4096 * 5 + 7]! ^= 0x10;
    const flippedFile = path.join(paths.backupDir, 'flipped.sqlite');
    writeFileSync(flippedFile, flipped);
    expect(() => verifyBackupFile(flippedFile, TEST_DB_KEY)).toThrow();
  });

  it('two backups in the same moment: the second is refused, never written over the first', async () => {
    const { send, paths, reported } = await openSignedInApp(tempDir);
    const first = (await send('backups:create', {})) as { value: { name: string } };
    const firstBytes = readFileSync(path.join(paths.backupDir, first.value.name));
    // Same millisecond: refused rather than written over the first.
    expect(await send('backups:create', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readdirSync(paths.backupDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(path.join(paths.backupDir, first.value.name)).equals(firstBytes)).toBe(true);
    expect(reported).toEqual([]);
  });

  it('restore: previews, then at the next start backs up the current file and brings the backup back exactly', async () => {
    const app = await openSignedInApp(tempDir);
    const { db, send, paths } = app;
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Keptpatient' }) });
    const backup = (await send('backups:create', {})) as { value: { name: string } };
    const expected = contentHash(db.sqlite!);
    // Work after the backup, left in the WAL (not checkpointed): it must not come back after the restore.
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Laterpatient' }) });
    expect(contentHash(db.sqlite!)).not.toBe(expected);

    const preview = await send('backups:preview', { name: backup.value.name });
    expect(preview).toMatchObject({ ok: true, value: { patients: 1, schemaVersion: LATEST } });
    expect(await send('backups:restore', { name: backup.value.name })).toEqual({
      ok: true,
      value: { restarting: true },
    });
    expect(app.restarts).toHaveLength(1);
    expect(await send('backups:preview', { name: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });

    await db.close(); // the app restarts
    const reopened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    expect(reopened.restoredFrom).toBe(backup.value.name);
    expect(contentHash(reopened.db.sqlite!)).toBe(expected);
    expect(reopened.db.sqlite!.pragma('foreign_key_check')).toEqual([]);
    const restoreRow = reopened.db
      .sqlite!.prepare("SELECT action FROM audit_log WHERE action = 'restore'")
      .get();
    expect(restoreRow).toEqual({ action: 'restore' });
    // The file it replaced was backed up first, and moved aside with its WAL.
    expect(readdirSync(paths.backupDir).some((f) => f.endsWith('-pre-restore.sqlite'))).toBe(true);
    expect(readdirSync(path.dirname(paths.dbPath)).some((f) => f.includes('.replaced-'))).toBe(true);
    await reopened.db.close();
  });

  it('refuses to restore a backup written by a newer version', async () => {
    const { send, paths } = await openSignedInApp(tempDir);
    const backup = (await send('backups:create', {})) as { value: { name: string } };
    const copy = openDb(path.join(paths.backupDir, backup.value.name), TEST_DB_KEY);
    copy.pragma('user_version = 99');
    copy.pragma('wal_checkpoint(TRUNCATE)');
    copy.close();
    const refused = await send('backups:restore', { name: backup.value.name });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: /newer version/ } });
    expect(existsSync(`${paths.dbPath}.restore-pending.json`)).toBe(false);
  });

  it('retention keeps a week of days, a month of weeks, a year of months, the newest and every pre-migration copy', () => {
    const now = TEST_NOW;
    const files: BackupFile[] = [];
    for (let day = 0; day < 400; day++) {
      const at = new Date(now.getTime() - day * 86_400_000);
      files.push({ name: `d${day}`, kind: 'daily', takenAt: at.toISOString(), schemaVersion: 9, bytes: 1 });
    }
    files.push({
      name: 'pm',
      kind: 'pre-migration',
      takenAt: atNoon(daysFromToday(-700)).toISOString(),
      schemaVersion: 8,
      bytes: 1,
    });
    const pruned = new Set(backupsToPrune(files, now));
    const kept = files.filter((f) => !pruned.has(f.name)).map((f) => f.name);
    expect(kept).toContain('d0');
    expect(kept).toContain('pm');
    for (let day = 0; day < 7; day++) expect(kept).toContain(`d${day}`);
    expect(kept.length).toBeLessThanOrEqual(7 + 4 + 12 + 1);
    expect(kept.length).toBeGreaterThanOrEqual(7 + 12);
    expect(kept).not.toContain('d399');
  });

  it('a damaged database at start: the newest backup that verifies is offered and restores over it', async () => {
    const { db, send, paths } = await openSignedInApp(tempDir);
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Savedpatient' }) });
    const good = (await send('backups:create', {})) as { value: { name: string } };
    db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await db.close();
    // A newer "backup" that is damaged is passed over.
    writeFileSync(
      path.join(paths.backupDir, `2099-01-01T00-00-00-000Z-v${LATEST}-manual.sqlite`),
      'not a database',
    );
    const bytes = readFileSync(paths.dbPath);
    bytes[4096 * 4 + 11]! ^= 0xff;
    writeFileSync(paths.dbPath, bytes);
    expect(() => openDb(paths.dbPath, TEST_DB_KEY)).toThrow(/damaged/);

    const offered = latestGoodBackup(paths, [TEST_DB_KEY], TEST_AUDIT_KEY, LATEST);
    expect(offered?.name).toBe(good.value.name);
    scheduleRestore(
      paths,
      path.join(paths.backupDir, offered!.name),
      [TEST_DB_KEY],
      TEST_AUDIT_KEY,
      LATEST,
      TEST_NOW,
    );
    const reopened = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    expect(reopened.db.sqlite!.prepare('SELECT last_name AS n FROM patients').all()).toEqual([
      { n: 'Savedpatient' },
    ]);
    expect(readdirSync(path.dirname(paths.dbPath)).some((f) => f.includes('.replaced-'))).toBe(true);
    await reopened.db.close();
  });
});
