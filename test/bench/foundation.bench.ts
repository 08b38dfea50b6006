// Cost of the plumbing every feature sits on: one IPC call through dispatch, and opening the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createDispatch } from '../../src/main/ipc/dispatch';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import { createAppServices } from '../../src/main/services/container';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { testKeyRing } from '../helpers/testKeyRing';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';
import type { BenchSuite } from './bench';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { fixedClock } from '../helpers/testClock';
import { testAuditChain } from '../helpers/testAudit';
import { testOfficeConnection } from '../helpers/testOfficeConnection';

const suite: BenchSuite = {
  name: 'foundation',
  async setup() {
    const dir = mkdtempSync(path.join(tmpdir(), 'verifydesk-bench-'));
    const paths = { dbPath: path.join(dir, 'app.sqlite'), backupDir: path.join(dir, 'backups') };
    const now = fixedClock();
    const { db } = await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath));
    const services = await createAppServices({
      db,
      catalog: db.sqlite!,
      paths,
      keys: await testKeyRing(dir, now),
      officeConnection: testOfficeConnection(dir),
      restart: () => undefined,
      appVersion: 'bench',
      now,
      workstation: 'Bench desk',
      clipboard: { writeText: () => undefined },
      files: { save: async () => null, chooseFolder: async () => null, chooseFile: async () => null },
      links: { open: async () => undefined },
      printer: {
        toPdf: () => Promise.reject(new Error('no printing in this benchmark')),
        print: () => Promise.reject(new Error('no printing in this benchmark')),
      },
    });
    await services.session.setup({ ...TEST_ADMIN });
    const dispatch = createDispatch({
      handlers: services.handlers,
      guard: services.guard,
      isTrustedSender: (s) => isTrustedSender(s, undefined),
      checkOutputs: false,
      reportError: () => undefined,
    });
    let reopenCount = 0;
    return {
      cases: [
        {
          name: 'dispatch settings:get (validate + read)',
          run: () => dispatch(MAIN_WINDOW_SENDER, 'settings:get', {}),
        },
        {
          name: 'dispatch settings:update (validate + commit)',
          iterations: 500,
          run: () =>
            dispatch(MAIN_WINDOW_SENDER, 'settings:update', {
              planStaleAfterDays: 60 + (reopenCount++ % 30),
            }),
        },
        {
          name: 'open existing database (pragmas + quick_check)',
          iterations: 100,
          run: async () =>
            (await openAppDatabase(paths, now, [TEST_DB_KEY], testAuditChain(paths.dbPath))).db.close(),
        },
      ],
      teardown: async () => {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export default suite;
