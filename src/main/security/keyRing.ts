// The keys main holds while running: the current database key (for the database and new backups), the
// keys it replaced (backups made before a key change still open), the recovery code until it is stored,
// and the key change itself (ENC-8: staff turnover, a key that may be known).
import { randomBytes } from 'node:crypto';
import type { AuditKey } from '../audit/auditChain';
import { applyKey, type Db, type DbKey } from '../db/connection';
import { discardBeforeKeyChangeCopy, writeBeforeKeyChangeCopy } from './keyChangeCopy';
import {
  keyIdOf,
  promotePending,
  readKeyFile,
  recoveryCodeOf,
  writeKeyFile,
  type KeyProtector,
} from './dbKey';

export interface KeyRing {
  current(): DbKey;
  /** The current key first, then earlier ones, newest first. */
  all(): DbKey[];
  /** The key that signs the audit trail (a key change leaves it as it is). */
  audit(): AuditKey;
  /** The recovery code while no administrator has confirmed storing it; null afterwards. */
  recoveryCodePending(): string | null;
  markRecoveryStored(): void;
  /** Re-encrypts the open database with a new key; returns the ids of the old and new keys. */
  rotate(db: Db): Promise<{ from: string; to: string }>;
}

export function createKeyRing(deps: {
  keyFilePath: string;
  protector: KeyProtector;
  key: DbKey;
  history: DbKey[];
  audit: AuditKey;
  now: () => Date;
}): KeyRing {
  let current = deps.key;
  let history = [...deps.history];
  const file = () => {
    const read = readKeyFile(deps.keyFilePath);
    if (!read) throw new Error('The key file is missing.');
    return read;
  };
  return {
    current: () => current,
    all: () => [current, ...history],
    audit: () => deps.audit,
    recoveryCodePending: () => (file().recoveryShownAt === null ? recoveryCodeOf(current) : null),
    markRecoveryStored() {
      const f = file();
      if (f.recoveryShownAt === null)
        writeKeyFile(deps.keyFilePath, { ...f, recoveryShownAt: deps.now().toISOString() });
    },
    async rotate(db) {
      const next = randomBytes(32);
      const wrapped = (await deps.protector.wrap(next.toString('hex'))).toString('base64');
      // 1. The new key is stored (wrapped) as pending first: a crash at any later point leaves a file that
      //    opens with the current key or the pending one, and startup settles which.
      const before = file();
      writeKeyFile(deps.keyFilePath, { ...before, pending: { keyId: keyIdOf(next), wrapped } });
      // 2. A verified copy under the current key: a crash inside the re-encryption leaves a file neither
      //    key opens, and startup puts this copy back (keyChangeCopy.ts says why).
      db.pragma('wal_checkpoint(TRUNCATE)');
      writeBeforeKeyChangeCopy(db, current);
      // 3. Re-encrypt every page in one rollback-journal transaction (rekey does not run in WAL mode).
      db.pragma('journal_mode = DELETE');
      try {
        applyKey(db, next, 'rekey');
      } finally {
        db.pragma('journal_mode = WAL');
      }
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`After the key change the check reported: ${String(check)}`);
      // 4. Promote: the new key is the key, the old one kept for older backups; the copy is stale.
      promotePending(deps.keyFilePath, file());
      discardBeforeKeyChangeCopy(db.name);
      history = [current, ...history];
      current = next;
      return { from: before.keyId, to: keyIdOf(next) };
    },
  };
}
