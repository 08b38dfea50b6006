// The schema version of the office's data, whichever engine holds it: SQLite keeps it in user_version,
// PostgreSQL in the verifydesk_schema table (pg/pgMigrate.ts).
import { sql } from 'kysely';
import type { AppDb } from './appDb';
import { schemaVersion } from './migrate';

export async function officeSchemaVersion(db: AppDb): Promise<number> {
  if (db.sqlite) return schemaVersion(db.sqlite);
  const { rows } = await sql<{ version: number }>`SELECT version FROM verifydesk_schema`.execute(db.q);
  return Number(rows[0]?.version ?? 0);
}
