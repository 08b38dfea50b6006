// Encryption at rest: the database, its WAL and its backups are unreadable without the key and hold no
// patient detail in their bytes; a tampered page is refused; an old plaintext file is encrypted in
// place; the key is stored only wrapped, and the recovery code opens the data on a new PC.
import fc from 'fast-check';
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseOpenError, holdsEncryptedData, openDb } from '../../src/main/db/connection';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { keyFromRecoveryCode, obtainDbKey, readKeyFile, recoveryCodeOf } from '../../src/main/security/dbKey';
import { keyProtectionProblem } from '../../src/main/security/safeStorageProtector';
import { fakeKeyProtector } from '../helpers/fakeKeyProtector';
import { patientInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';
import { testServices } from '../helpers/services';
import { testAuditChain } from '../helpers/testAudit';

const MARKERS = ['Mrkfirst', 'Qzxlast', 'MRK987654321'];
const PLAINTEXT = 'SQLite format 3\0';
const now = fixedClock();

function containsMarker(file: string): string | null {
  const bytes = readFileSync(file);
  return MARKERS.find((m) => bytes.includes(Buffer.from(m))) ?? null;
}

describe('encryption at rest', () => {
  const tempDir = useTempDirs();

  async function seeded() {
    const dir = tempDir();
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const patients = testServices(db, now, { actor: () => 'Test User' }).patients;
    const patient = await patients.save(null, patientInput());
    db.sqlite!.prepare(
      `INSERT INTO payers (name, updated_at) VALUES ('Fictional Marker Payer', '2026-01-01T00:00:00Z')`,
    ).run();
    db.sqlite!.prepare(
      `INSERT INTO plans (payer_id, name, plan_type, updated_at)
       VALUES (last_insert_rowid(), 'Plan', 'ppo', '2026-01-01T00:00:00Z')`,
    ).run();
    db.sqlite!.prepare(
      `INSERT INTO coverages (patient_id, plan_id, ordinal, member_id, subscriber_name, relationship,
         updated_at) VALUES (?, last_insert_rowid(), 1, 'MRK987654321', 'Mrkfirst Qzxlast', 'self', '2026-01-01T00:00:00Z')`,
    ).run(patient.id);
    return { dir, paths, db };
  }

  it('the file, its WAL before checkpoint and a backup are ciphertext with no seeded marker in them', async () => {
    const { dir, paths, db } = await seeded();
    expect(existsSync(`${paths.dbPath}-wal`)).toBe(true);
    expect(containsMarker(`${paths.dbPath}-wal`)).toBeNull();
    const backup = path.join(dir, 'backup.sqlite');
    db.sqlite!.prepare('VACUUM INTO ?').run(backup);
    await db.close();
    for (const file of [paths.dbPath, backup]) {
      expect(readFileSync(file).subarray(0, 16).toString('latin1'), file).not.toBe(PLAINTEXT);
      expect(containsMarker(file), file).toBeNull();
    }
    // A plain SQLite tool, or the wrong key, sees no database at all.
    const plain = new Database(paths.dbPath);
    expect(() => plain.prepare('SELECT count(*) FROM patients').get()).toThrow(/not a database/);
    plain.close();
    expect(() => openDb(paths.dbPath, Buffer.alloc(32, 1))).toThrow(DatabaseOpenError);
    // The backup opens with the key and holds the data.
    const copy = openDb(backup, TEST_DB_KEY);
    expect(copy.prepare('SELECT member_id AS m FROM coverages').get()).toEqual({ m: 'MRK987654321' });
    copy.close();
  });

  it('ENC-7 canary: the backup API still fails on an encrypted database, so backups use VACUUM INTO', async () => {
    const { dir, db } = await seeded();
    const target = path.join(dir, 'api-backup.sqlite');
    // If this ever succeeds, revisit ENC-7: VACUUM INTO would no longer be the only safe way.
    await expect(db.sqlite!.backup(target)).rejects.toThrow(/incompatible source and target/);
    expect(statSync(target).size).toBe(0); // and it leaves an empty file behind
    await db.close();
  });

  it('a tampered page is refused as damaged, never read as wrong data', async () => {
    const { paths, db } = await seeded();
    db.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
    await db.close();
    const bytes = readFileSync(paths.dbPath);
    bytes[4096 * 3 + 100]! ^= 0x01; // one bit in a data page
    writeFileSync(paths.dbPath, bytes);
    expect(() => openDb(paths.dbPath, TEST_DB_KEY)).toThrow(/damaged/);
  });

  it('a database from before encryption is encrypted in place, with its data', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec("CREATE TABLE notes (v TEXT); INSERT INTO notes VALUES ('Mrkfirst Qzxlast');");
    old.close();
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).toBe(PLAINTEXT);
    const db = openDb(file, TEST_DB_KEY);
    expect(db.prepare('SELECT v FROM notes').get()).toEqual({ v: 'Mrkfirst Qzxlast' });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe(PLAINTEXT);
    expect(containsMarker(file)).toBeNull();
  });

  it('startup asks for the recovery code only for encrypted data: an old plaintext file or an empty one gets a new key', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'app.sqlite');
    expect(holdsEncryptedData(file)).toBe(false); // not there yet
    writeFileSync(file, '');
    expect(holdsEncryptedData(file)).toBe(false);
    const old = new Database(file);
    old.exec('CREATE TABLE t (x)');
    old.close();
    expect(holdsEncryptedData(file)).toBe(false); // plaintext: a new key encrypts it
    const { protector } = fakeKeyProtector();
    const obtained = await obtainDbKey({
      keyFilePath: path.join(dir, 'key.json'),
      databaseExists: holdsEncryptedData(file),
      protector,
      recoveryCode: undefined,
      opens: () => true,
      restoreCopy: () => false,
    });
    if (!('key' in obtained)) throw new Error(obtained.problem);
    openDb(file, obtained.key).close();
    expect(holdsEncryptedData(file)).toBe(true);
  });

  it('the key and the audit key are made once, stored only wrapped, and re-wrapped exactly once when the OS asks', async () => {
    const dir = tempDir();
    const keyFilePath = path.join(dir, 'verifydesk-key.json');
    const { protector, calls } = fakeKeyProtector();
    const base = {
      keyFilePath,
      databaseExists: false,
      protector,
      recoveryCode: undefined,
      opens: () => true,
      restoreCopy: () => false,
    };
    const first = await obtainDbKey(base);
    if (!('key' in first)) throw new Error('expected a key');
    const stored = readFileSync(keyFilePath, 'utf8');
    expect(stored).not.toContain(first.key.toString('hex'));
    expect(stored).not.toContain(first.key.toString('base64'));
    expect(stored).not.toContain(first.audit.key.toString('hex'));
    expect(stored).not.toContain(first.audit.key.toString('base64'));
    expect(first.audit.key.equals(first.key)).toBe(false);
    const again = await obtainDbKey({ ...base, databaseExists: true });
    expect('key' in again && again.key.equals(first.key)).toBe(true);
    expect('audit' in again && again.audit.key.equals(first.audit.key)).toBe(true);
    expect(calls.wrap).toBe(2); // the database key and the audit key, once each

    const rewrapping = fakeKeyProtector({ rewrapOnce: true });
    await obtainDbKey({ ...base, databaseExists: true, protector: rewrapping.protector });
    await obtainDbKey({ ...base, databaseExists: true, protector: rewrapping.protector });
    expect(rewrapping.calls.wrap).toBe(1);
    expect(readKeyFile(keyFilePath)!.keyId).toMatch(/^[0-9a-f]{16}$/);

    const refused = await obtainDbKey({
      ...base,
      protector: fakeKeyProtector({ unavailable: 'no keyring' }).protector,
    });
    expect(refused).toEqual({ problem: 'no keyring' });
  });

  it('on a new PC only the recovery code opens the data; a mistyped code fails its check before any open', async () => {
    const { dir, paths, db } = await seeded();
    await db.close();
    const keyFilePath = path.join(dir, 'new-pc-key.json');
    const { protector } = fakeKeyProtector();
    let opened = 0;
    const opens = (key: Buffer) => {
      opened++;
      try {
        openDb(paths.dbPath, key).close();
        return true;
      } catch {
        return false;
      }
    };
    const base = { keyFilePath, databaseExists: true, protector, opens, restoreCopy: () => false };
    expect(await obtainDbKey({ ...base, recoveryCode: undefined })).toMatchObject({
      problem: expect.stringMatching(/recovery code/),
    });
    const code = recoveryCodeOf(TEST_DB_KEY);
    const typo = code.replace(/^./, code[0] === 'A' ? 'B' : 'A');
    expect(await obtainDbKey({ ...base, recoveryCode: typo })).toMatchObject({
      problem: expect.stringMatching(/mistyped/),
    });
    expect(opened).toBe(0);
    const otherDb = recoveryCodeOf(Buffer.alloc(32, 7));
    expect(await obtainDbKey({ ...base, recoveryCode: otherDb })).toMatchObject({
      problem: expect.stringMatching(/different database/),
    });
    expect(existsSync(keyFilePath)).toBe(false);

    const recovered = await obtainDbKey({ ...base, recoveryCode: code.toLowerCase() });
    expect(recovered).toMatchObject({ emergency: true });
    // Stored for this PC: the next start needs no code.
    expect(await obtainDbKey({ ...base, recoveryCode: undefined })).toMatchObject({ emergency: false });
  });

  it('recovery codes round-trip for any key, and a changed character is caught by the checksum', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.nat(55),
        fc.nat(31),
        (bytes, at, shift) => {
          const key = Buffer.from(bytes);
          const code = recoveryCodeOf(key);
          expect(keyFromRecoveryCode(code)!.equals(key)).toBe(true);
          expect(keyFromRecoveryCode(code.replace(/-/g, ' '))!.equals(key)).toBe(true);
          const chars = code.replace(/-/g, '').split('');
          const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
          const next = alphabet[(alphabet.indexOf(chars[at]!) + 1 + (shift % 31)) % 32]!;
          // The last character carries 1 bit of padding: changing only padding bits decodes the same key.
          if (at === 55) return;
          chars[at] = next;
          expect(keyFromRecoveryCode(chars.join(''))).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses to protect keys where the OS cannot (Linux basic_text, no async encryption)', () => {
    const table: Array<[NodeJS.Platform, Parameters<typeof keyProtectionProblem>[1], boolean, boolean]> = [
      ['linux', 'basic_text', true, false],
      ['linux', 'unknown', true, false],
      ['linux', 'gnome_libsecret', true, true],
      ['linux', 'kwallet5', true, true],
      ['linux', 'gnome_libsecret', false, false],
      ['win32', null, true, true],
      ['win32', null, false, false],
      ['darwin', null, true, true],
    ];
    for (const [platform, backend, available, ok] of table)
      expect(
        keyProtectionProblem(platform, backend, available) === null,
        `${platform} ${backend} ${available}`,
      ).toBe(ok);
  });
});
