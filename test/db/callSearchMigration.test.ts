// Migration 8 builds the Records search index and the planned-services table from what is already on file:
// a store used before it gets search and worklists over its old calls and estimates, not only new ones.
import path from 'node:path';
import { sqliteAppDb } from '../../src/main/db/appDb';
import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/main/db/connection';
import { migrate } from '../../src/main/db/migrate';
import { MIGRATIONS } from '../../src/main/db/migrations';
import { seedCatalog } from '../../src/main/db/seedCatalog';
import { fillLegacyStore } from '../helpers/legacyStore';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { daysFromToday, fixedClock } from '../helpers/testClock';
import { testServices } from '../helpers/services';

describe('migration 8 (call search, planned services)', () => {
  const tempDir = useTempDirs();

  it('indexes the calls and insurance estimates written under schema 7', async () => {
    const dir = tempDir();
    const now = fixedClock();
    const db = openDb(path.join(dir, 'app.sqlite'), TEST_DB_KEY);
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 7),
      { backupDir: dir, now, key: TEST_DB_KEY },
    );
    seedCatalog(db);
    const legacy = fillLegacyStore(db);

    migrate(db, MIGRATIONS, { backupDir: dir, now, key: TEST_DB_KEY });
    const { calls } = testServices(sqliteAppDb(db), now);
    expect((await calls.search('synthpatient d0367')).map((c) => c.id)).toEqual([legacy.callId]);
    const planned = db
      .prepare('SELECT source, service_date AS date, code FROM planned_services ORDER BY service_date')
      .all();
    // The call's appointment, and the insurance estimate's (the self-pay one plans no verification).
    expect(planned).toEqual([
      { source: 'call', date: daysFromToday(20), code: 'D0367' },
      { source: 'estimate', date: daysFromToday(40), code: 'D0330' },
    ]);
    // The worklist's small tables start out holding what was already on file.
    expect(db.prepare('SELECT call_id AS callId, reverify_date AS r FROM last_verifications').all()).toEqual([
      { callId: legacy.callId, r: daysFromToday(20) },
    ]);
    expect(
      db.prepare('SELECT start_month AS m FROM plan_years WHERE plan_id = ?').get(legacy.planId),
    ).toEqual({
      m: 1,
    });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });
});
