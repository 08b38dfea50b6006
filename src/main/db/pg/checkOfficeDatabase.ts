// Settings, Office database: "Test the connection" (what the server and database hold, in plain words)
// and "Create the VerifyDesk database" (the migrations on an empty database, all or nothing). Both reach
// the server the way a desk does (openPgAppDb), with the settings an administrator typed; nothing is kept.
import { sql } from 'kysely';
import type { OfficeDatabaseCheck, OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { AppError } from '../../../shared/ipc/result';
import type { AppDb } from '../appDb';
import { latestVersion } from '../migrate';
import { MIGRATIONS } from '../migrations';
import { CHECK_CONNECT_TIMEOUT_SECONDS, connectionProblem, type ConnectionTarget } from './connectionProblem';
import { officeDataHeld } from './officeDataHeld';
import { officeSchemaState, migratePg } from './pgMigrate';
import { openPgAppDb, type PgConnection } from './pgAppDb';

/**
 * The connection a desk would make. TLS with the server's certificate checked (against the pasted CA,
 * or the usual public authorities); plain only when Require TLS is off, which the settings schema
 * allows for this computer alone.
 */
export function officeConnection(settings: OfficeDatabaseSettings): PgConnection {
  return {
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    password: settings.password,
    ssl: settings.requireTls
      ? {
          rejectUnauthorized: true,
          ...(settings.caCertificate === '' ? {} : { ca: settings.caCertificate }),
        }
      : null,
    connectTimeoutSeconds: CHECK_CONNECT_TIMEOUT_SECONDS,
  };
}

const APP_SCHEMA_VERSION = latestVersion(MIGRATIONS);

/** What the database holds, said in words (the connection worked). */
async function describeDatabase(db: AppDb, target: ConnectionTarget): Promise<OfficeDatabaseCheck> {
  const state = await officeSchemaState(db);
  const where = `${target.database} on ${target.host}:${target.port}`;
  const result = (
    outcome: OfficeDatabaseCheck['outcome'],
    message: string,
    schemaVersion: number | null,
    holdsOfficeData: boolean | null = null,
  ) => ({
    outcome,
    message,
    schemaVersion,
    appSchemaVersion: APP_SCHEMA_VERSION,
    holdsOfficeData,
  });
  if (state.kind === 'empty')
    return result(
      'empty',
      `Connected. The database ${where} is empty: VerifyDesk can create its tables there with "Create the VerifyDesk database".`,
      null,
    );
  if (state.kind === 'other')
    return result(
      'not_verifydesk',
      `Connected, but ${where} is not a VerifyDesk database: it holds ${state.tables} other table${state.tables === 1 ? '' : 's'}. VerifyDesk will not write there. Check the database name, or ask your IT person for an empty database made for VerifyDesk.`,
      null,
    );
  if (state.version > APP_SCHEMA_VERSION)
    return result(
      'newer',
      `Connected. ${where} is a VerifyDesk database from a newer VerifyDesk (schema ${state.version}; this one knows up to ${APP_SCHEMA_VERSION}). Update VerifyDesk on this computer first.`,
      state.version,
    );
  if (state.version < APP_SCHEMA_VERSION)
    return result(
      'older',
      `Connected. ${where} is a VerifyDesk database from an older VerifyDesk (schema ${state.version}; this one uses ${APP_SCHEMA_VERSION}). It is brought up to date when this VerifyDesk first opens it; then every desk that uses it needs this version of VerifyDesk or later.`,
      state.version,
    );
  const holds = (await officeDataHeld(db)).length > 0;
  return result(
    'ready',
    `Connected. ${where} is a VerifyDesk database at schema ${state.version}, the version this VerifyDesk uses. ${
      holds
        ? 'It holds office data already.'
        : "It holds no office data yet: this computer's data can be moved there."
    }`,
    state.version,
    holds,
  );
}

/** Runs `fn` on a short-lived pool for these settings, and always closes it. */
export async function withServer<T>(
  settings: OfficeDatabaseSettings,
  fn: (db: AppDb) => Promise<T>,
  applicationName = 'VerifyDesk connection check',
): Promise<T> {
  const db = openPgAppDb(officeConnection(settings), applicationName);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** "Test the connection": always an answer in words, never an exception for anything the server says. */
export async function checkOfficeDatabase(settings: OfficeDatabaseSettings): Promise<OfficeDatabaseCheck> {
  try {
    return await withServer(settings, (db) => describeDatabase(db, settings));
  } catch (error) {
    return {
      ...connectionProblem(error, settings),
      schemaVersion: null,
      appSchemaVersion: APP_SCHEMA_VERSION,
      holdsOfficeData: null,
    };
  }
}

/** An arbitrary constant naming "creating the VerifyDesk database" among the server's advisory locks. */
const CREATE_LOCK = 4_711_019;

/**
 * "Create the VerifyDesk database": the baseline and every migration in ONE transaction (PostgreSQL
 * changes tables transactionally), so a failure leaves the database as empty as it was. Only an empty
 * database: one with any table (another program's, or VerifyDesk's already) is refused untouched.
 */
export async function createOfficeDatabase(
  settings: OfficeDatabaseSettings,
  now: () => Date,
): Promise<OfficeDatabaseCheck> {
  /** What the database held instead of nothing, when it was not empty. */
  let refused: OfficeDatabaseCheck | null;
  try {
    refused = await withServer(settings, (db) =>
      db.tx(async () => {
        // Two administrators pressing Create at once: the second waits here, then finds tables.
        await sql`SELECT pg_advisory_xact_lock(${CREATE_LOCK})`.execute(db.q);
        const before = await describeDatabase(db, settings);
        if (before.outcome !== 'empty') return before;
        await migratePg(db, MIGRATIONS, { create: true, now });
        return null;
      }),
    );
  } catch (error) {
    throw new AppError('conflict', `Nothing was created. ${connectionProblem(error, settings).message}`);
  }
  if (refused !== null)
    throw new AppError(
      'conflict',
      `Nothing was created: VerifyDesk creates its tables only in an empty database. ${refused.message}`,
    );
  const after = await checkOfficeDatabase(settings);
  return after.outcome === 'ready'
    ? { ...after, message: `Created the VerifyDesk database. ${after.message}` }
    : after;
}
