// The recovery code is shown to an administrator until they confirm it is stored safely (then never
// again on this PC). It is the database key itself, so it is made from the key when asked, not kept.
import type { DbKey } from '../db/connection';
import { readKeyFile, recoveryCodeOf, writeKeyFile } from './dbKey';

export interface RecoveryKeyService {
  /** The code, while it has not been confirmed as stored; null afterwards. */
  pending(): string | null;
  markStored(): void;
}

export function createRecoveryKeyService(deps: {
  keyFilePath: string;
  key: DbKey;
  now: () => Date;
}): RecoveryKeyService {
  return {
    pending() {
      const file = readKeyFile(deps.keyFilePath);
      return file && file.recoveryShownAt === null ? recoveryCodeOf(deps.key) : null;
    },
    markStored() {
      const file = readKeyFile(deps.keyFilePath);
      if (file && file.recoveryShownAt === null)
        writeKeyFile(deps.keyFilePath, { ...file, recoveryShownAt: deps.now().toISOString() });
    },
  };
}
