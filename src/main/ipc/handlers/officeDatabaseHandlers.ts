// Settings, Office database (administrators): the connection check, creating the VerifyDesk database,
// moving this computer's data there, and choosing which data this computer opens at its next start (an
// office database, or its own again).
// Each is audited here, once it has an answer, rather than by the guard: the guard would hold this
// desk's database transaction open while the server takes up to five seconds to answer.
import type { OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { localDate } from '../../../shared/dates/localDate';
import { AppError } from '../../../shared/ipc/result';
import type { AuditKey } from '../../audit/auditChain';
import { recordAudit, type AuditEntry } from '../../audit/auditLog';
import type { SessionService } from '../../auth/sessionService';
import type { AppDb } from '../../db/appDb';
import { checkOfficeDatabase, createOfficeDatabase } from '../../db/pg/checkOfficeDatabase';
import { chooseOfficeDatabase, officeKeyFromCode } from '../../db/pg/chooseOfficeDatabase';
import { DoubtfulPatients, mergeIntoOfficeDatabase } from '../../db/pg/mergeIntoOffice';
import type { OfficeConnectionFile } from '../../db/pg/officeConnectionFile';
import { describeConnection } from '../../db/pg/pgAppDb';
import { recoveryCodeOf } from '../../security/dbKey';
import { moveToOfficeDatabase } from '../../db/pg/moveToOffice';
import type { HandlerMap } from '../dispatch';

/** Which server, database and user: never the password, and not the CA certificate's text. */
function auditDetail(channel: string, settings: OfficeDatabaseSettings, outcome: string) {
  return {
    channel,
    host: settings.host,
    port: settings.port,
    database: settings.database,
    user: settings.user,
    requireTls: settings.requireTls,
    caCertificate: settings.caCertificate !== '',
    outcome,
  };
}

export function officeDatabaseHandlers(deps: {
  db: AppDb;
  session: SessionService;
  now: () => Date;
  /** Which office database this computer opens at start (none: its own data). */
  connection: OfficeConnectionFile;
  /** Restarts VerifyDesk, which then opens the data chosen. */
  restart: () => void;
  /** This computer's name: the office trail records where moved data came from. */
  workstation: string;
  /** This computer's audit key: a trail moved to the office stays signed with it, so it is the office key. */
  ownAuditKey: () => AuditKey;
}): Pick<
  HandlerMap,
  | 'officedb:check'
  | 'officedb:create'
  | 'officedb:move'
  | 'officedb:merge'
  | 'officedb:use'
  | 'officedb:status'
  | 'officedb:key'
  | 'officedb:leave'
  | 'officedb:restart'
> {
  const { db, session, now, connection } = deps;
  const audit = (event: Omit<AuditEntry, 'who'>) =>
    recordAudit(db, { who: session.current(), ...event }, now());
  /** Keeps the choice for the next start (password and key wrapped), and says so in the trail. */
  const choose = async (settings: OfficeDatabaseSettings, officeKey: AuditKey) => {
    await connection.save({
      settings,
      officeKey,
      savedAt: now().toISOString(),
      savedBy: session.current()?.displayName ?? 'an administrator',
    });
    await audit({
      action: 'update',
      entity: 'office_database',
      detail: { ...auditDetail('officedb:use', settings, 'chosen'), officeKeyId: officeKey.id },
    });
  };
  return {
    'officedb:check': async (settings) => {
      const check = await checkOfficeDatabase(settings);
      await audit({
        action: 'view',
        entity: 'office_database',
        detail: auditDetail('officedb:check', settings, check.outcome),
      });
      return check;
    },
    'officedb:create': async (settings) => {
      const check = await createOfficeDatabase(settings, now);
      await audit({
        action: 'create',
        entity: 'office_database',
        detail: { ...auditDetail('officedb:create', settings, check.outcome), schema: check.schemaVersion },
      });
      return check;
    },
    'officedb:use': async ({ settings, officeKey }) => {
      const key = await chooseOfficeDatabase(settings, officeKey, now);
      await choose(settings, key);
      return {
        message: `Saved. From its next start, this computer opens ${describeConnection(settings)}. Its own data stays on this computer, untouched, and is used again only if an administrator chooses so here.`,
        officeKey: recoveryCodeOf(key.key),
      };
    },
    'officedb:status': async () => {
      const chosen = connection.chosen();
      const openNow = db.sqlite ? null : db.where;
      return {
        running: openNow === null ? 'own' : 'office',
        openNow: openNow ?? 'this computer’s own data',
        restartNeeded: openNow !== (chosen ? describeConnection(chosen.server) : null),
        saved: chosen
          ? {
              host: chosen.server.host,
              port: chosen.server.port,
              database: chosen.server.database,
              user: chosen.server.user,
              requireTls: chosen.server.requireTls,
              savedOn: localDate(new Date(chosen.savedAt)),
              savedBy: chosen.savedBy,
            }
          : null,
      };
    },
    'officedb:key': async () => {
      const saved = await connection.read();
      if (!saved)
        throw new AppError('not_found', 'This computer uses its own data: there is no office key here.');
      await audit({ action: 'view', entity: 'office_database', detail: { channel: 'officedb:key' } });
      return { officeKey: recoveryCodeOf(saved.officeKey.key) };
    },
    'officedb:leave': async () => {
      const chosen = connection.chosen();
      connection.forget();
      await audit({
        action: 'update',
        entity: 'office_database',
        detail: { channel: 'officedb:leave', database: chosen?.server.database ?? null },
      });
      return {
        message:
          'Saved. From its next start, this computer opens its own data again. What was entered on the office database stays there; it is not copied to this computer.',
        officeKey: '',
      };
    },
    'officedb:restart': async () => {
      deps.restart();
      return { restarting: true as const };
    },
    'officedb:move': async (settings) => {
      const who = session.current();
      let moved;
      try {
        moved = await moveToOfficeDatabase(db, settings, { now, computer: deps.workstation, who });
      } catch (error) {
        // A refused or failed move changed nothing, but an administrator tried it: that is on record.
        await recordAudit(
          db,
          {
            who,
            action: 'export',
            entity: 'office_database',
            detail: auditDetail('officedb:move', settings, 'refused'),
          },
          now(),
        );
        throw error;
      }
      await recordAudit(
        db,
        {
          who,
          action: 'export',
          entity: 'office_database',
          detail: { ...auditDetail('officedb:move', settings, 'moved'), counts: moved.counts },
        },
        now(),
      );
      // The office has this computer's data (and its trail, signed with this computer's key): this
      // computer opens it from its next start.
      const officeKey = deps.ownAuditKey();
      await choose(settings, officeKey);
      return {
        message: moved.message,
        counts: moved.counts,
        computer: moved.computer,
        officeKey: recoveryCodeOf(officeKey.key),
      };
    },
    'officedb:merge': async ({ settings, officeKey: officeKeyCode, decisions }) => {
      const who = session.current();
      const record = (outcome: string, more: Record<string, unknown> = {}) =>
        recordAudit(
          db,
          {
            who,
            action: 'export',
            entity: 'office_database',
            detail: {
              ...auditDetail('officedb:merge', settings, outcome),
              decisions: decisions.length,
              ...more,
            },
          },
          now(),
        );
      let merged;
      try {
        if (officeKeyCode === '')
          throw new AppError(
            'validation',
            "Type the office key: the office database's audit trail is signed with it. An administrator finds it in Settings, Office database, on a computer that uses it.",
            'officeKey',
          );
        // The merge checks it is the key the office trail is signed with, inside its transaction.
        const officeKey = officeKeyFromCode(officeKeyCode);
        merged = {
          officeKey,
          result: await mergeIntoOfficeDatabase(db, settings, {
            now,
            computer: deps.workstation,
            who,
            officeKey,
            decisions,
          }),
        };
      } catch (error) {
        // Nothing was written; an administrator tried, and that is on record (never the password or key).
        if (error instanceof DoubtfulPatients) {
          await record('review', { doubtful: error.pairs.length });
          return { outcome: 'review' as const, message: error.message, pairs: error.pairs };
        }
        await record('refused');
        throw error;
      }
      const counts = Object.fromEntries(Object.entries(merged.result.counts).map(([t, c]) => [t, c.added]));
      await record('merged', { counts });
      // This computer joins the office database, signing the office trail with the office's key.
      await choose(settings, merged.officeKey);
      return {
        outcome: 'merged' as const,
        message: merged.result.message,
        counts,
        computer: merged.result.computer,
        officeKey: recoveryCodeOf(merged.officeKey.key),
      };
    },
  };
}
