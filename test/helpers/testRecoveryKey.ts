// The recovery-code service for tests and the harness: a real key file (wrapped by the fake protector)
// in the test's folder, holding TEST_DB_KEY.
import path from 'node:path';
import { storeKey } from '../../src/main/security/dbKey';
import { createRecoveryKeyService } from '../../src/main/security/recoveryKeyService';
import { fakeKeyProtector } from './fakeKeyProtector';
import { TEST_DB_KEY } from './testDbKey';

/** `shown`: as if an administrator already confirmed storing the code (most tests start there). */
export async function testRecoveryKey(
  dir: string,
  now: () => Date,
  options: { shown: boolean } = { shown: true },
) {
  const keyFilePath = path.join(dir, 'verifydesk-key.json');
  await storeKey(keyFilePath, TEST_DB_KEY, fakeKeyProtector().protector);
  const service = createRecoveryKeyService({ keyFilePath, key: TEST_DB_KEY, now });
  if (options.shown) service.markStored();
  return service;
}
