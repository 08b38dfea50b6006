// Builds the services and the handler map over one open database. Used by Electron and the test harness.
import { platform } from 'node:process';
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/migrate';
import type { HandlerMap } from '../ipc/dispatch';
import { appHandlers, type ClipboardPort } from '../ipc/handlers/appHandlers';
import { catalogHandlers } from '../ipc/handlers/catalogHandlers';
import { settingsHandlers } from '../ipc/handlers/settingsHandlers';
import { createCatalogService } from './catalogService';
import { createSettingsService } from './settingsService';

export interface AppContext {
  db: Db;
  dbPath: string;
  appVersion: string;
  now: () => Date;
  clipboard: ClipboardPort;
}

export function createHandlers(context: AppContext): HandlerMap {
  const settings = createSettingsService(context.db, context.now);
  return {
    ...appHandlers(
      () => ({
        version: context.appVersion,
        dbPath: context.dbPath,
        schemaVersion: schemaVersion(context.db),
        platform,
      }),
      context.clipboard,
    ),
    ...settingsHandlers(settings),
    ...catalogHandlers(createCatalogService(context.db, context.now)),
  };
}
