// DB-10: the optional copy of each backup to a second folder (a USB drive, a network share). The copy
// is opened and checked itself; a drive that is not plugged in fails the copy, never the backup; and
// the person hears about it, on the spot and in the backup list.
import { readFileSync, rmSync, mkdirSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { copyBackupFile, verifyBackupFile } from '../../src/main/backup/backupFiles';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { TEST_NOW } from '../helpers/testClock';

// A switch that makes the next file copy come out damaged, as a failing drive or cable might.
const damageNextCopy = vi.hoisted(() => ({ on: false }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const copyFileSync: typeof fs.copyFileSync = (from, to, mode) => {
    fs.copyFileSync(from, to, mode);
    if (!damageNextCopy.on) return;
    damageNextCopy.on = false;
    const bytes = fs.readFileSync(to);
    bytes[bytes.length - 100]! ^= 0xff;
    fs.writeFileSync(to, bytes);
  };
  return { ...fs, default: { ...fs, copyFileSync }, copyFileSync };
});

describe('a copy of each backup in a second folder (DB-10)', () => {
  const tempDir = useTempDirs();
  const clock = () => {
    let at = TEST_NOW.getTime();
    return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
  };

  it('is checked by opening the copy, and chosen through the folder dialog', async () => {
    const time = clock();
    const { db, send, folderChoices, paths } = await openSignedInApp(tempDir, time.now);
    await send('patients:save', { id: null, patient: patientInput() });
    const usb = path.join(tempDir(), 'usb-drive');
    mkdirSync(usb);
    folderChoices.push(usb);
    expect(await send('backups:chooseFolder', { purpose: 'copies' })).toEqual({
      ok: true,
      value: { folder: usb },
    });
    expect(await send('backups:chooseFolder', { purpose: 'copies' })).toEqual({
      ok: true,
      value: { folder: null },
    });
    await send('settings:update', { backupCopyFolder: usb });

    const made = (await send('backups:create', {})) as { ok: true; value: { name: string; copy: unknown } };
    expect(made.value.copy).toEqual({ folder: usb, at: TEST_NOW.toISOString(), ok: true, problem: null });
    const copy = path.join(usb, made.value.name);
    expect(readFileSync(copy)).toEqual(readFileSync(path.join(paths.backupDir, made.value.name)));
    expect(verifyBackupFile(copy, TEST_DB_KEY).counts.patients).toBe(1);
    expect(readdirSync(usb)).toEqual([made.value.name]); // no temporary file left
    const audit = db
      .sqlite!.prepare(
        "SELECT detail_json AS d FROM audit_log WHERE action = 'backup_copy' ORDER BY id DESC LIMIT 1",
      )
      .get() as { d: string };
    expect(JSON.parse(audit.d)).toMatchObject({ file: made.value.name, copied: true });

    // The drive is unplugged: the backup is still made; the copy fails with the folder named.
    rmSync(usb, { recursive: true });
    time.advance(60_000);
    const second = (await send('backups:create', {})) as {
      ok: true;
      value: { name: string; copy: { ok: boolean; problem: string } };
    };
    expect(second.ok).toBe(true);
    expect(existsSync(path.join(paths.backupDir, second.value.name))).toBe(true);
    expect(second.value.copy).toMatchObject({ ok: false });
    expect(second.value.copy.problem).toBe(
      `The backup was made, but copying it to ${usb} failed: the folder ${usb} is not there (is the drive plugged in?).`,
    );
    expect(await send('backups:list', {})).toMatchObject({
      ok: true,
      value: { copyFolder: usb, lastCopy: { ok: false, problem: second.value.copy.problem } },
    });
    const failed = db
      .sqlite!.prepare(
        "SELECT detail_json AS d FROM audit_log WHERE action = 'backup_copy' ORDER BY id DESC LIMIT 1",
      )
      .get() as { d: string };
    expect(JSON.parse(failed.d)).toMatchObject({ file: second.value.name, copied: false });
  });

  it('a copy that comes out damaged is refused and removed; the original stays', async () => {
    const time = clock();
    const { send, paths } = await openSignedInApp(tempDir, time.now);
    await send('patients:save', { id: null, patient: patientInput() });
    const made = (await send('backups:create', {})) as { value: { name: string } };
    const source = path.join(paths.backupDir, made.value.name);
    const usb = path.join(tempDir(), 'usb-drive');
    mkdirSync(usb);

    const check = verifyBackupFile(source, TEST_DB_KEY);
    damageNextCopy.on = true;
    expect(() => copyBackupFile(source, usb, TEST_DB_KEY, check)).toThrow(
      /not a database|integrity|malformed/,
    );
    expect(readdirSync(usb)).toEqual([]);
    verifyBackupFile(source, TEST_DB_KEY);

    // Control: the same copy, undamaged, is accepted.
    expect(copyBackupFile(source, usb, TEST_DB_KEY, check).name).toBe(made.value.name);
    // A copy is never written over one that is there.
    expect(() => copyBackupFile(source, usb, TEST_DB_KEY, check)).toThrow(/already exists/);
    writeFileSync(path.join(usb, 'unrelated.txt'), 'kept');
    expect(readdirSync(usb).sort()).toEqual([made.value.name, 'unrelated.txt']);
  });
});
