// The app as the window reaches it, without a window: real services over a temp database, the real
// guard and dispatch, the test administrator signed in. Files and printing are recorded, not done.
import path from 'node:path';
import { createDispatch } from '../../src/main/ipc/dispatch';
import { openExternalSafe } from '../../src/main/security/externalLinks';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import type { AppDb } from '../../src/main/db/appDb';
import type { Db } from '../../src/main/db/connection';
import type { DataPaths } from '../../src/main/db/paths';
import type { KeyRing } from '../../src/main/security/keyRing';
import { createAppServices, type AppServices } from '../../src/main/services/container';
import type { IpcResult } from '../../src/shared/ipc/result';
import { openTestAppDb } from './appDb';
import { TEST_ADMIN } from './testAdmin';
import { testKeyRing } from './testKeyRing';
import { MAIN_WINDOW_SENDER } from './trustedSender';
import { testOfficeConnection } from './testOfficeConnection';

export interface SignedInApp {
  db: AppDb;
  /** This desk's SQLite file (the catalog; on SQLite the office's data too). */
  catalog: Db;
  paths: DataPaths;
  services: AppServices;
  keys: KeyRing;
  /** The key file the key ring keeps (in its own folder, as the profile is apart from the data). */
  keyFilePath: string;
  send(channel: string, input: unknown): Promise<IpcResult<unknown>>;
  /** Unexpected errors main reported (channel and error). */
  reported: string[];
  /** Times the app asked to restart (after scheduling a restore). */
  restarts: string[];
  /** Files the app handed to the save dialog (not written anywhere). */
  saved: Array<{ name: string; content: string | Uint8Array }>;
  /** What the folder dialog answers next, in order (empty: the person cancels). */
  folderChoices: string[];
  /** Web pages handed to the browser, after the same checks Electron's opener makes. */
  opened: string[];
}

export async function openSignedInApp(tempDir: () => string, clock?: () => Date): Promise<SignedInApp> {
  const { db, catalog, paths, now } = await openTestAppDb(tempDir, clock);
  const reported: string[] = [];
  const restarts: string[] = [];
  const saved: SignedInApp['saved'] = [];
  const folderChoices: string[] = [];
  const opened: string[] = [];
  const profile = tempDir();
  const keys = await testKeyRing(profile, now);
  const keyFilePath = path.join(profile, 'verifydesk-key.json');
  const services = await createAppServices({
    db,
    catalog,
    paths,
    keys,
    restart: () => restarts.push(now().toISOString()),
    officeConnection: testOfficeConnection(profile),
    appVersion: 'test',
    now,
    workstation: 'Test desk',
    clipboard: { writeText: () => undefined },
    files: {
      save: async (name, content) => {
        saved.push({ name, content });
        return '/nowhere/not-written';
      },
      chooseFolder: async () => folderChoices.shift() ?? null,
      chooseFile: async () => null,
    },
    printer: { toPdf: async () => new Uint8Array(), print: async () => undefined },
    links: {
      open: (url, sites) => openExternalSafe({ openExternal: async (u) => void opened.push(u) }, url, sites),
    },
  });
  await services.session.setup({ ...TEST_ADMIN });
  const dispatch = createDispatch({
    handlers: services.handlers,
    guard: services.guard,
    isTrustedSender: (s) => isTrustedSender(s, undefined),
    checkOutputs: true,
    reportError: (channel, error) => reported.push(`${channel}: ${String(error)}`),
  });
  const send = (channel: string, input: unknown): Promise<IpcResult<unknown>> =>
    dispatch(MAIN_WINDOW_SENDER, channel, input);
  return {
    db,
    catalog,
    paths,
    services,
    keys,
    keyFilePath,
    send,
    reported,
    restarts,
    saved,
    folderChoices,
    opened,
  };
}

/** Adds a front-desk account (as the administrator) and signs in with it; fails loudly if either is refused. */
export async function signInAsFrontDesk(send: SignedInApp['send']): Promise<void> {
  const added = await send('users:save', {
    id: null,
    username: 'frontdesk',
    displayName: 'Desk Person',
    role: 'front_desk',
    active: true,
    password: 'a desk passphrase',
  });
  if (!added.ok) throw new Error(`front-desk account refused: ${added.error.message}`);
  await send('session:signOut', {});
  const signedIn = await send('session:signIn', { username: 'frontdesk', password: 'a desk passphrase' });
  if (!signedIn.ok) throw new Error(`front-desk sign-in refused: ${signedIn.error.message}`);
}
