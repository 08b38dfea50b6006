// Opens the office database on its server, as startup (and the harness) do: the pool, the schema
// brought to this app's version, and the audit trail with its head kept on the server.
import { serverHeadAnchor } from '../../audit/auditAnchor';
import type { AuditKey } from '../../audit/auditChain';
import { openAuditTrail } from '../../audit/auditLog';
import type { AppDb } from '../appDb';
import { MIGRATIONS } from '../migrations';
import { migratePg, type PgMigrationResult } from './pgMigrate';
import { openPgAppDb, type PgConnection } from './pgAppDb';

export interface OfficeDatabase {
  db: AppDb;
  migration: PgMigrationResult;
}

export async function openOfficeDatabase(
  connection: PgConnection,
  now: () => Date,
  /** The office's audit key: every desk signs the one shared trail with it. */
  auditKey: AuditKey,
  options: { create?: boolean; applicationName?: string } = {},
): Promise<OfficeDatabase> {
  const db = openPgAppDb(connection, options.applicationName);
  try {
    const migration = await migratePg(db, MIGRATIONS, { create: options.create === true, now });
    const hasEntries =
      (await db.q.selectFrom('audit_log').select('id').limit(1).executeTakeFirst()) !== undefined;
    // The server's record starts with the trail's first entry; a trail with entries and no record is a
    // finding, never started again.
    await openAuditTrail(db, { key: auditKey, anchor: serverHeadAnchor(db) }, { mayStart: !hasEntries });
    return { db, migration };
  } catch (error) {
    await db.close();
    throw error;
  }
}
