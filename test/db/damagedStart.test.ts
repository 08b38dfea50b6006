// The damaged-database screen's handlers: with no good backup in the usual folder, one picked from
// elsewhere (the backup drive) is checked and offered; a file that is not a backup is refused with the
// reason; only an offered backup is restored, and the restore is scheduled for the next start.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { damagedStartHandlers } from '../../src/main/ipc/handlers/startupHandlers';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';
import { TEST_AUDIT_KEY, testAuditChain } from '../helpers/testAudit';

describe('damaged database at start: choosing the backup', () => {
  const tempDir = useTempDirs();

  it('offers a backup picked from another folder, refuses what is not one, and restores only what it offered', async () => {
    const { db, send, paths } = await openSignedInApp(tempDir);
    await send('patients:save', { id: null, patient: patientInput() });
    await send('patients:save', { id: null, patient: patientInput({ lastName: 'Second' }) });
    const made = (await send('backups:create', {})) as { value: { name: string } };
    await db.close();
    // The backup lives on the practice's backup drive, not in the usual folder.
    const drive = path.join(tempDir(), 'backup-drive');
    mkdirSync(drive);
    const onDrive = path.join(drive, made.value.name);
    renameSync(path.join(paths.backupDir, made.value.name), onDrive);
    const notABackup = path.join(drive, 'notes.sqlite');
    writeFileSync(notABackup, 'not a database');

    const picks = [notABackup, onDrive];
    const restarts: string[] = [];
    const handlers = damagedStartHandlers({
      paths,
      keys: [TEST_DB_KEY],
      auditKey: TEST_AUDIT_KEY,
      now: fixedClock(),
      problem: 'The database file is damaged.',
      files: { chooseFile: async () => picks.shift() ?? null },
      restart: () => restarts.push('restart'),
    });

    expect(await handlers['startup:damage']({})).toEqual({
      problem: 'The database file is damaged.',
      offer: null,
    });
    await expect(handlers['startup:chooseBackup']({})).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/^That file cannot be restored \(.+\)\. Choose another backup\.$/),
    });
    expect(() => handlers['startup:restore']({ file: notABackup })).toThrow(
      /Choose a backup on this screen first/,
    );
    const chosen = await handlers['startup:chooseBackup']({});
    expect(chosen.offer).toMatchObject({ file: onDrive, patients: 2, calls: 0, estimates: 0 });
    expect(chosen.offer!.takenAt).toMatch(/Z$/);
    expect(await handlers['startup:chooseBackup']({})).toEqual({ offer: null }); // the person cancels

    expect(handlers['startup:restore']({ file: onDrive })).toEqual({ restarting: true });
    expect(restarts).toEqual(['restart']);
    const next = await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath));
    expect(next.db.sqlite!.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 2 });
    await next.db.close();
  });
});
