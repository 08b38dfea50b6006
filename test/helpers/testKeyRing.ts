// The key ring for tests and the harness: a real key file (wrapped by the fake protector) in the test's
// folder, holding TEST_DB_KEY.
import path from 'node:path';
import { storeKey } from '../../src/main/security/dbKey';
import { createKeyRing, type KeyRing } from '../../src/main/security/keyRing';
import { fakeKeyProtector } from './fakeKeyProtector';
import { TEST_DB_KEY } from './testDbKey';

/** `shown`: as if an administrator already confirmed storing the recovery code (most tests start there). */
export async function testKeyRing(
  dir: string,
  now: () => Date,
  options: { shown: boolean } = { shown: true },
): Promise<KeyRing> {
  const keyFilePath = path.join(dir, 'verifydesk-key.json');
  const { protector } = fakeKeyProtector();
  await storeKey(keyFilePath, TEST_DB_KEY, protector);
  const ring = createKeyRing({ keyFilePath, protector, key: TEST_DB_KEY, history: [], now });
  if (options.shown) ring.markRecoveryStored();
  return ring;
}
