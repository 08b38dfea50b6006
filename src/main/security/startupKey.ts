// The database key at start-up, settled against the database file itself: the key file's answer is
// tried on the file (so a wrong recovery code stores nothing), an interrupted key change is finished
// or undone, and the copy a key change leaves behind is removed once the key is known.
import { holdsEncryptedData, openDb } from '../db/connection';
import { obtainDbKey, type KeyProtector } from './dbKey';
import { discardBeforeKeyChangeCopy, restoreBeforeKeyChangeCopy } from './keyChangeCopy';

/** A key that opens the database, the keys it replaced, and whether the recovery code was used. */
export type SettledKey = Extract<Awaited<ReturnType<typeof obtainDbKey>>, { key: unknown }>;

export async function settleDbKey(options: {
  dbPath: string;
  keyFilePath: string;
  protector: KeyProtector;
  /** Typed on the recovery screen of a new computer; undefined at an ordinary start. */
  recoveryCode: string | undefined;
}): ReturnType<typeof obtainDbKey> {
  const { dbPath } = options;
  const obtained = await obtainDbKey({
    keyFilePath: options.keyFilePath,
    // An unencrypted database from an earlier build gets a new key and is encrypted on open.
    databaseExists: holdsEncryptedData(dbPath),
    protector: options.protector,
    recoveryCode: options.recoveryCode,
    opens: (key) => {
      try {
        openDb(dbPath, key).close();
        return true;
      } catch {
        return false;
      }
    },
    restoreCopy: (key) => restoreBeforeKeyChangeCopy(dbPath, key),
  });
  if ('key' in obtained) discardBeforeKeyChangeCopy(dbPath);
  return obtained;
}
