// Settings, Office database (administrators): the connection check and creating the VerifyDesk database.
// Each is audited here, once it has an answer, rather than by the guard: the guard would hold this
// desk's database transaction open while the server takes up to five seconds to answer.
import type { OfficeDatabaseSettings } from '../../../shared/settings/officeDatabase';
import { recordAudit } from '../../audit/auditLog';
import type { SessionService } from '../../auth/sessionService';
import type { AppDb } from '../../db/appDb';
import { checkOfficeDatabase, createOfficeDatabase } from '../../db/pg/checkOfficeDatabase';
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
): Pick<HandlerMap, 'officedb:check' | 'officedb:create'> {
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
  };
}
