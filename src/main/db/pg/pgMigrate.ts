// Brings the office database to this app's schema: the baseline on an empty database, then every later
// migration, each in one transaction with its version (PostgreSQL changes tables transactionally), and
// a refusal to touch a database from a newer app or a database that is not VerifyDesk's.
import { CompiledQuery, sql } from 'kysely';
import type { AppDb } from '../appDb';
import { DatabaseOpenError } from '../connection';
import { latestVersion, type Migration } from '../migrate';
import { PG_BASELINE, PG_BASELINE_VERSION, PG_GRANTS, PG_MIGRATIONS } from './pgSchema';

export type OfficeSchemaState =
  | { kind: 'empty' }
  | { kind: 'verifydesk'; version: number }
  /** Tables that are not VerifyDesk's: never written to. */
  | { kind: 'other'; tables: number };

/** What the server's database holds now. */
export async function officeSchemaState(db: AppDb): Promise<OfficeSchemaState> {
  const { rows } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db.q);
  if (rows.length === 0) return { kind: 'empty' };
  if (!rows.some((r) => r.name === 'verifydesk_schema')) return { kind: 'other', tables: rows.length };
  const version = await sql<{ version: number }>`SELECT version FROM verifydesk_schema`.execute(db.q);
  return { kind: 'verifydesk', version: Number(version.rows[0]?.version ?? 0) };
}

/**
 * Multi-statement SQL text run as it is (the schema files, which hold no values): with no parameters the
 * driver sends it in one simple query.
 */
async function runScript(db: AppDb, script: string): Promise<void> {
  await db.q.executeQuery(CompiledQuery.raw(script));
}

export interface PgMigrationResult {
  from: number;
  to: number;
}

/**
 * Creates or upgrades the schema. `create`: an empty database may be given the baseline (the
 * administrator's "Create the VerifyDesk database"); otherwise an empty one is refused, as a database
 * that is not VerifyDesk's always is.
 */
export async function migratePg(
  db: AppDb,
  migrations: readonly Migration[],
  options: { create: boolean; now: () => Date },
): Promise<PgMigrationResult> {
  const latest = latestVersion(migrations);
  const state = await officeSchemaState(db);
  if (state.kind === 'other')
    throw new DatabaseOpenError(
      'damaged',
      `This database is not a VerifyDesk database: it holds ${state.tables} other table${state.tables === 1 ? '' : 's'}. Nothing was changed. Ask your IT person for an empty database made for VerifyDesk.`,
    );
  if (state.kind === 'empty' && !options.create)
    throw new DatabaseOpenError(
      'damaged',
      'This database is empty: it is not a VerifyDesk database yet. An administrator can create it in Settings, Office database.',
    );
  let from = state.kind === 'verifydesk' ? state.version : 0;
  if (from > latest)
    throw new DatabaseOpenError(
      'newer_version',
      `The office database was written by a newer version of VerifyDesk (schema ${from}; this version knows up to ${latest}). Nothing was changed. Install the newer VerifyDesk on this computer.`,
    );
  const start = from;
  if (from === 0) {
    await db.tx(async () => {
      await runScript(db, PG_BASELINE);
      await sql`INSERT INTO verifydesk_schema (version, created_at) VALUES (${PG_BASELINE_VERSION}, ${options
        .now()
        .toISOString()})`.execute(db.q);
    });
    from = PG_BASELINE_VERSION;
  }
  for (const migration of migrations.filter((m) => m.version > from)) {
    const script = PG_MIGRATIONS[migration.version];
    if (script === undefined)
      throw new Error(`Migration ${migration.version} (${migration.name}) has no PostgreSQL half.`);
    await db.tx(async () => {
      // Two desks starting an upgrade at once: the second waits here, then finds it done.
      await sql`LOCK TABLE verifydesk_schema IN EXCLUSIVE MODE`.execute(db.q);
      const now = await sql<{ version: number }>`SELECT version FROM verifydesk_schema`.execute(db.q);
      if (Number(now.rows[0]!.version) >= migration.version) return;
      // A migration that changes only what stays on each desk (the code catalog) has an empty half here.
      if (script.trim() !== '') await runScript(db, script);
      await sql`UPDATE verifydesk_schema SET version = ${migration.version}`.execute(db.q);
    });
  }
  if (start < latest) await runScript(db, PG_GRANTS);
  return { from: start, to: latest };
}
