// Where the database and its backups live: the user-data folder, or VERIFYDESK_DB_PATH in development
// and tests (bootstrap passes no environment to this in a packaged build).
import path from 'node:path';

export interface DataPaths {
  dbPath: string;
  backupDir: string;
}

export function resolveDataPaths(userDataDir: string, env: Record<string, string | undefined>): DataPaths {
  const override = env.VERIFYDESK_DB_PATH;
  const dbPath =
    override && override.trim() !== '' ? path.resolve(override) : path.join(userDataDir, 'verifydesk.sqlite');
  return { dbPath, backupDir: path.join(path.dirname(dbPath), 'backups') };
}
