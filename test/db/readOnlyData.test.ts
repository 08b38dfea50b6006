// A data folder or database file that cannot be written (permissions, a write-protected drive) is said
// to be so at start, in words that lead to the fix; it is not called damaged (no restore would help),
// and a read-only file no longer opens as if all were well and then fails every write.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { openSignedInApp } from '../helpers/appDispatch';
import { patientInput } from '../helpers/policyFixtures';
import { makeReadOnly } from '../helpers/readOnly';
import { useTempDirs } from '../helpers/tempDir';
import { testAuditChain } from '../helpers/testAudit';
import { fixedClock } from '../helpers/testClock';
import { TEST_DB_KEY } from '../helpers/testDbKey';

describe('read-only data', () => {
  const tempDir = useTempDirs();

  async function closedApp() {
    const app = await openSignedInApp(tempDir);
    await app.send('patients:save', { id: null, patient: patientInput() });
    await app.db.close();
    return app.paths;
  }
  const openError = async (paths: { dbPath: string; backupDir: string }) => {
    try {
      await (
        await openAppDatabase(paths, fixedClock(), [TEST_DB_KEY], testAuditChain(paths.dbPath))
      ).db.close();
      return null;
    } catch (error) {
      return error;
    }
  };

  it('a read-only data folder is reported as such, not as a damaged database', async () => {
    const paths = await closedApp();
    const undo = makeReadOnly(path.dirname(paths.dbPath));
    try {
      const error = await openError(paths);
      expect(error).toBeInstanceOf(DatabaseOpenError);
      expect(error).toMatchObject({
        reason: 'read_only',
        message: expect.stringMatching(
          /^VerifyDesk cannot write to .+, so it cannot keep its data there\. Nothing was changed\. Ask your administrator to give this Windows user write access/,
        ),
      });
    } finally {
      undo();
    }
    expect(await openError(paths)).toBeNull(); // writable again: it opens
  });

  it('a read-only database file in a writable folder is refused at start, not opened to fail every write', async () => {
    const paths = await closedApp();
    const undo = makeReadOnly(paths.dbPath);
    try {
      expect(await openError(paths)).toMatchObject({
        reason: 'read_only',
        message: expect.stringContaining(paths.dbPath),
      });
    } finally {
      undo();
    }
  });

  it('a write refused while running (the drive went read-only) is said plainly, and nothing is saved', async () => {
    const { db, send, reported } = await openSignedInApp(tempDir);
    db.sqlite!.pragma('query_only = ON'); // every write now fails as on a read-only file
    const refused = await send('patients:save', { id: null, patient: patientInput() });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'read_only',
        message: expect.stringMatching(
          /^VerifyDesk cannot write to its data folder, so nothing from this action was saved\./,
        ),
      },
    });
    expect(reported).toEqual([]);
    db.sqlite!.pragma('query_only = OFF');
    expect((db.sqlite!.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBe(0);
  });
});
