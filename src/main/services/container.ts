// Builds the services, the session, the guard and the handler map over one open database. Used by
// Electron and the test harness.
import { platform } from 'node:process';
import { createBackupService, type BackupService } from '../backup/backupService';
import type { AppDb } from '../db/appDb';
import type { Db } from '../db/connection';
import { officeSchemaVersion } from '../db/schemaVersion';
import { dataPathWarning } from '../db/dataPathRisk';
import type { DataPaths } from '../db/paths';
import type { OfficeConnectionFile } from '../db/pg/officeConnectionFile';
import { backupHandlers } from '../ipc/handlers/backupHandlers';
import { createSessionService, type SessionService } from '../auth/sessionService';
import { createUserService } from '../auth/userService';
import type { HandlerMap } from '../ipc/dispatch';
import { createGuard, type Guard } from '../ipc/guard';
import { authHandlers } from '../ipc/handlers/authHandlers';
import type { KeyRing } from '../security/keyRing';
import { appHandlers } from '../ipc/handlers/appHandlers';
import { dataHandlers, estimateHandlers } from '../ipc/handlers/dataHandlers';
import { callHandlers } from '../ipc/handlers/callHandlers';
import { catalogHandlers } from '../ipc/handlers/catalogHandlers';
import { patientHandlers, policyHandlers, sampleHandlers } from '../ipc/handlers/policyHandlers';
import { settingsHandlers } from '../ipc/handlers/settingsHandlers';
import { officeDatabaseHandlers } from '../ipc/handlers/officeDatabaseHandlers';
import { createPriorAuthService } from './priorAuthService';
import { createReverifyService } from './reverifyService';
import { findCallOnHold } from '../db/repositories/callRepo';
import { createCallService } from './callService';
import { createCatalogService } from './catalogService';
import { createEstimateService } from './estimateService';
import { createEligibilityImportService } from './eligibilityImportService';
import { createFeeService } from './feeService';
import { createPatientService } from './patientService';
import { createPolicyPackService } from './policyPackService';
import { createPolicyService } from './policyService';
import type { ClipboardPort, FilePort, LinkPort, PrintPort } from './ports';
import { createSettingsService } from './settingsService';
import { createTodoService } from './todoService';
import { createLedger } from '../ledger/ledger';
import { ledgerHandlers } from '../ipc/handlers/ledgerHandlers';

export interface AppContext {
  /** Where the database and its backups live, and its keys (backups are written and checked with them). */
  paths: DataPaths;
  keys: KeyRing;
  /** Restarts the app: a scheduled restore runs before the database opens again. */
  restart: () => void;
  /** The office's data: this computer's SQLite file, or the office database on a server. */
  db: AppDb;
  /** Which office database this computer opens at start, kept in its profile (none: its own data). */
  officeConnection: OfficeConnectionFile;
  /** This computer's SQLite file: its code catalog stays here whichever holds the office's data. */
  catalog: Db;
  appVersion: string;
  now: () => Date;
  /** This computer's name, recorded with every statement in the ledger. */
  workstation: string;
  clipboard: ClipboardPort;
  files: FilePort;
  printer: PrintPort;
  links: LinkPort;
}

export interface AppServices {
  handlers: HandlerMap;
  session: SessionService;
  guard: Guard;
  backups: BackupService;
}

export async function createAppServices(context: AppContext): Promise<AppServices> {
  const { db, catalog, now } = context;
  const settings = await createSettingsService(db, now);
  const session = createSessionService({
    db,
    now,
    lockAfterMinutes: () => settings.get().lockAfterMinutes,
    callOnHold: (staffUser) => findCallOnHold(db, staffUser),
  });
  // Who is acting, recorded with every answer, estimate and change: the signed-in person.
  const actor = () => session.current()?.displayName ?? 'nobody signed in';
  const ledger = createLedger({
    db,
    now,
    actor,
    workstation: context.workstation,
    windows: () => ({
      plan: settings.get().planStaleAfterDays,
      eligibility: settings.get().eligibilityStaleAfterDays,
    }),
  });
  const policies = createPolicyService({ db, catalog, now, ledger });
  const patients = createPatientService({ db, now, actor, ledger });
  const reverify = createReverifyService({
    db,
    now,
    staleAfterDays: () => settings.get().planStaleAfterDays,
    eligibilityStaleAfterDays: () => settings.get().eligibilityStaleAfterDays,
  });
  const backups = createBackupService({
    db,
    keys: context.keys,
    paths: context.paths,
    now,
    folder: () => settings.get().backupFolder,
    copyFolder: () => settings.get().backupCopyFolder,
    actor: session.current,
    restart: context.restart,
  });
  const handlers: HandlerMap = {
    ...backupHandlers(backups, context.files),
    ...authHandlers(
      db,
      session,
      createUserService({ db, now, actor: session.current }),
      context.keys,
      context.files,
      now,
      () => backups.reencryptAfterKeyChange(),
    ),
    ...appHandlers(
      async () => ({
        version: context.appVersion,
        // On the office database: which one (the desk's own file then holds only the code catalog).
        dbPath: db.sqlite ? context.paths.dbPath : db.where,
        dataPathWarning: db.sqlite ? dataPathWarning(context.paths.dbPath) : null,
        schemaVersion: await officeSchemaVersion(db),
        platform,
      }),
      context.clipboard,
    ),
    ...settingsHandlers(settings),
    ...officeDatabaseHandlers({
      db,
      session,
      now,
      connection: context.officeConnection,
      restart: context.restart,
      workstation: context.workstation,
      ownAuditKey: () => context.keys.audit(),
    }),
    ...catalogHandlers(createCatalogService(catalog, now)),
    ...policyHandlers(policies, context.links, () => settings.get().externalSites),
    ...patientHandlers(patients),
    ...ledgerHandlers(ledger),
    ...sampleHandlers(db),
    ...callHandlers(
      createCallService({ db, catalog, now, actor, ledger, office: () => settings.get().office }),
      createPriorAuthService({ db, now, actor }),
      reverify,
      createTodoService({ db, ledger, now, actor, reverify }),
      context.printer,
      context.files,
      () => settings.get().office,
    ),
    ...estimateHandlers(
      createEstimateService({ db, catalog, now, actor, ledger }),
      context.printer,
      context.files,
      () => settings.get().office,
    ),
    ...dataHandlers(
      createPolicyPackService({ db, now, actor, ledger }),
      createFeeService(db, now),
      createEligibilityImportService({ db, now, actor, ledger }),
      context.files,
      now,
    ),
  };
  return { handlers, session, guard: createGuard({ db, now, session }), backups };
}
