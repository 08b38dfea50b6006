// The key ring for tests and the harness: a real key file (wrapped by the fake protector) in the test's
// folder, holding TEST_DB_KEY.
import path from 'node:path';
import { newAuditKey } from '../../src/main/audit/auditChain';
import { storeKey } from '../../src/main/security/dbKey';
import { createKeyRing, type KeyRing } from '../../src/main/security/keyRing';
import { fakeKeyProtector } from './fakeKeyProtector';
import { TEST_DB_KEY } from './testDbKey';
import { TEST_AUDIT_KEY } from './testAudit';

/**
 * `shown`: as if an administrator already confirmed storing the recovery code (most tests start there).
 * `auditKey: 'random'`: another computer's own audit key instead of TEST_AUDIT_KEY.
 */
export async function testKeyRing(
  dir: string,
  now: () => Date,
  options: { shown: boolean; auditKey?: 'test' | 'random' } = { shown: true },
): Promise<KeyRing> {
  const keyFilePath = path.join(dir, 'verifydesk-key.json');
  const { protector } = fakeKeyProtector();
  const { audit } = await storeKey(
    keyFilePath,
    TEST_DB_KEY,
    protector,
    options.auditKey === 'random' ? newAuditKey() : TEST_AUDIT_KEY,
  );
  const ring = createKeyRing({
    keyFilePath,
    protector,
    key: TEST_DB_KEY,
    history: [],
    audit,
    now,
  });
  if (options.shown) ring.markRecoveryStored();
  return ring;
}
