// FZ-8: damaged copies of an encrypted database (K random bytes flipped) are opened in a child process
// each, as startup would. Every case ends OK or DAMAGED; none crashes the process or reads garbage.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';
import { testServices } from '../helpers/services';
import { testAuditChain } from '../helpers/testAudit';

const CHILD = path.resolve(__dirname, '../fixtures/children/openDamaged.ts');
const CASES = 40;

describe('corrupted database files', () => {
  const tempDir = useTempDirs();

  it(`${CASES} damaged copies: each opens as OK or DAMAGED, never a crash`, async () => {
    const dir = tempDir();
    const paths = { dbPath: path.join(dir, 'fixture.sqlite'), backupDir: path.join(dir, 'backups') };
    const now = fixedClock();
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const patients = testServices(db, now, { actor: () => 'Test User' }).patients;
    for (let i = 0; i < 20; i++) await patients.save(null, patientInput({ lastName: `Corrupt${i}` }));
    db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await db.close();
    const original = readFileSync(paths.dbPath);

    const outcomes = { OK: 0, DAMAGED: 0 };
    const cases = fc.sample(
      fc.array(fc.record({ at: fc.nat(original.length - 1), mask: fc.integer({ min: 1, max: 255 }) }), {
        minLength: 1,
        maxLength: 8,
      }),
      { numRuns: CASES },
    );
    cases.forEach((flips, n) => {
      const copy = path.join(dir, `damaged-${n}.sqlite`);
      copyFileSync(paths.dbPath, copy);
      const bytes = Buffer.from(original);
      for (const { at, mask } of flips) bytes[at]! ^= mask;
      writeFileSync(copy, bytes);
      const child = spawnSync(process.execPath, ['--import', 'tsx', CHILD, copy], { encoding: 'utf8' });
      expect(child.signal, `case ${n}: ${child.stderr}`).toBeNull();
      expect(child.status, `case ${n}: ${child.stdout} ${child.stderr}`).toBe(0);
      const outcome = child.stdout.trim() as keyof typeof outcomes;
      expect(['OK', 'DAMAGED']).toContain(outcome);
      outcomes[outcome]++;
    });
    // Encrypted pages carry an HMAC: almost any flipped byte is caught.
    expect(outcomes.DAMAGED).toBeGreaterThan(CASES / 2);
    console.log(
      `corrupted files: ${CASES} cases, ${outcomes.DAMAGED} refused as damaged, ${outcomes.OK} opened (flips in unused bytes)`,
    );
  }, 120_000);
});
