import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createSettingsService } from '../../src/main/services/settingsService';
import { AppError } from '../../src/shared/ipc/result';
import { DEFAULT_SETTINGS } from '../../src/shared/settings/settings';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';
import { testAuditChain } from '../helpers/testAudit';

describe('settings service', () => {
  const tempDir = useTempDirs();
  const now = fixedClock();
  const setup = async () => {
    const dir = tempDir();
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    return { db, paths, service: await createSettingsService(db, now) };
  };

  it('starts from the defaults: 90 days for plan answers, 30 for eligibility, empty office header', async () => {
    const { db, service } = await setup();
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    await db.close();
  });

  it('keeps a change across a reopen of the database', async () => {
    const { db, paths, service } = await setup();
    await service.update({
      office: { name: 'Synthetic Smiles Dental (test)', npi: '1234567893' },
      planStaleAfterDays: 60,
    });
    await db.close();
    const reopened = (await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath))).db;
    const settings = (await createSettingsService(reopened, now)).get();
    expect(settings.office.name).toBe('Synthetic Smiles Dental (test)');
    expect(settings.office.npi).toBe('1234567893');
    expect(settings.office.tin).toBe('');
    expect(settings.planStaleAfterDays).toBe(60);
    expect(settings.eligibilityStaleAfterDays).toBe(30);
    await reopened.close();
  });

  it('refuses an invalid change with the field named, and writes nothing', async () => {
    const { db, service } = await setup();
    let error: unknown;
    try {
      await service.update({ office: { name: 'Changed', tin: '123456789' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).field).toBe('office.tin');
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    await db.close();
  });
});
