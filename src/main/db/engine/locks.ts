// Serialising appends to the audit trail. SQLite has one writer at a time, so nothing is needed; on
// PostgreSQL several desks write at once, and a transaction-scoped advisory lock (released at commit or
// rollback) makes each append read the head and extend it alone. Taken just before the append, which is
// the last write of its transaction, so a transaction never waits for a row while holding it.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

/** An arbitrary constant naming VerifyDesk's audit lock among the server's advisory locks. */
const AUDIT_LOCK = 4_711_018;

export async function lockAuditTrail(db: AppDb): Promise<void> {
  if (db.engine !== 'postgres') return;
  if (!db.inTransaction) throw new Error('The audit lock is taken inside a transaction.');
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(db.q);
}
