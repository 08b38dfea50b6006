// DB-5 / DB-9 in the real renderer: a database that fails its checks at start opens a screen, not a
// crash: it says what is wrong, offers the newest backup that checks out with what it holds, keeps
// everything else locked, and schedules the restore for the next start, which brings the data back.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { startHarness, type Harness } from './harness';
import { testAuditChain } from '../helpers/testAudit';

describe('a damaged database at start', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ damaged: true });
  });
  afterAll(async () => {
    await h.close();
  });

  it('shows what is wrong and the newest good backup; nothing else answers', async () => {
    const page = h.page;
    await expect.poll(() => page.locator('h1').first().textContent()).toBe('The database is damaged');
    const offer = page.getByRole('region', { name: 'Backup to restore' });
    await expect.poll(() => offer.textContent()).toMatch(/It holds 1 patient, 0 calls and 0 estimates/);
    expect(await page.getByText(/damaged/i).count()).toBeGreaterThan(1);
    const refused = await page.evaluate(async () => {
      const r = await window.api.patientsSearch({ query: 'a' });
      return r.ok ? null : r.error.code;
    });
    expect(refused).toBe('locked');
    // Only a backup this screen offered can be restored.
    const forged = await page.evaluate(async () => {
      const r = await window.api.startupRestore({ file: '/etc/passwd' });
      return r.ok ? null : r.error.code;
    });
    expect(forged).toBe('validation');
    expect(await page.getByRole('button', { name: 'Restore this backup and restart' }).isDisabled()).toBe(
      true,
    );
    await h.screenshot('session-damaged-database');
  });

  it('restores at the next start: the damaged file is kept aside and the data comes back', async () => {
    const page = h.page;
    await page.getByLabel('I understand').check();
    await page.getByRole('button', { name: 'Restore this backup and restart' }).click();
    await expect.poll(() => page.getByText('Restarting to restore the backup…').isVisible()).toBe(true);
    expect(h.restarts).toHaveLength(1);
    // The next start, as main runs it.
    const { db, restoredFrom } = await openAppDatabase(
      h.paths,
      h.now,
      [TEST_DB_KEY],
      testAuditChain(h.paths.dbPath),
    );
    expect(restoredFrom).toMatch(/-manual\.sqlite$/);
    expect(db.sqlite!.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });
    expect(db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    await db.close();
    expect(readdirSync(path.dirname(h.paths.dbPath)).some((f) => f.includes('.replaced-'))).toBe(true);
  });
});
