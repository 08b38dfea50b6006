// Settings, Office database (administrators): the connection check, creating the VerifyDesk database,
// and moving this computer's data there.
// Each is audited here, once it has an answer, rather than by the guard: the guard would hold this
// desk's database transaction open while the server takes up to five seconds to answer.
import type { OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { recordAudit } from '../../audit/auditLog';
import type { SessionService } from '../../auth/sessionService';
import type { AppDb } from '../../db/appDb';
import { checkOfficeDatabase, createOfficeDatabase } from '../../db/pg/checkOfficeDatabase';
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

export function officeDatabaseHandlers(
  db: AppDb,
  session: SessionService,
  now: () => Date,
  options: {
    /** This computer's name: the office trail records where moved data came from. */
    workstation: string;
    /** Switches this computer to the office database after a move (wired where settings are kept). */
    afterMove?: (settings: OfficeDatabaseSettings) => Promise<void>;
  },
): Pick<HandlerMap, 'officedb:check' | 'officedb:create' | 'officedb:move'> {
  return {
    'officedb:check': async (settings) => {
      const check = await checkOfficeDatabase(settings);
      await recordAudit(
        db,
        {
          who: session.current(),
          action: 'view',
          entity: 'office_database',
          detail: auditDetail('officedb:check', settings, check.outcome),
        },
        now(),
      );
      return check;
    },
    'officedb:create': async (settings) => {
      const check = await createOfficeDatabase(settings, now);
      await recordAudit(
        db,
        {
          who: session.current(),
          action: 'create',
          entity: 'office_database',
          detail: {
            ...auditDetail('officedb:create', settings, check.outcome),
            schema: check.schemaVersion,
          },
        },
        now(),
      );
      return check;
    },
    'officedb:move': async (settings) => {
      const who = session.current();
      let moved;
      try {
        moved = await moveToOfficeDatabase(db, settings, { now, computer: options.workstation, who });
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
      await options.afterMove?.(settings);
      return { message: moved.message, counts: moved.counts, computer: moved.computer };
    },
  };
}
