// What a person waits for when previewing an import on the main process: the fee-schedule CSV preview
// through dispatch (validation, decoding, the CSV reader, the row checks), at its limits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openAppDatabase } from '../../src/main/db/openAppDatabase';
import { createDispatch } from '../../src/main/ipc/dispatch';
import { isTrustedSender } from '../../src/main/security/trustedSender';
import { createAppServices } from '../../src/main/services/container';
import { TEST_ADMIN } from '../helpers/testAdmin';
import { testAuditChain } from '../helpers/testAudit';
import { fixedClock } from '../helpers/testClock';
import { TEST_DB_KEY } from '../helpers/testDbKey';
import { testKeyRing } from '../helpers/testKeyRing';
import { MAIN_WINDOW_SENDER } from '../helpers/trustedSender';
import type { BenchSuite } from './bench';
import { testOfficeConnection } from '../helpers/testOfficeConnection';

const file = (text: string) => ({
  planId: null,
  file: { fileName: 'fees.csv', contentBase64: Buffer.from(text).toString('base64') },
});

const suite: BenchSuite = {
  name: 'imports',
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
      workstation: 'Test desk',
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
    // Just under the 5 MB limit: one quoted field of 4.9 MB (refused later as too long, after reading).
    const hugeField = file(`code,fee\r\n"${'x'.repeat(4_900_000)}",1\r\n`);
    // The row limit: 20,000 rows of plain fees.
    const rows = file(
      [
        'code,fee',
        ...Array.from(
          { length: 20_000 },
          (_, i) => `D${String(300 + (i % 99)).padStart(4, '0')},${(i % 900) + 100}.00`,
        ),
      ].join('\r\n'),
    );
    return {
      cases: [
        {
          name: 'fees:importPreview, one 4.9 MB quoted field',
          iterations: 20,
          run: () => dispatch(MAIN_WINDOW_SENDER, 'fees:importPreview', hugeField),
        },
        {
          name: 'fees:importPreview, 20,000 rows',
          iterations: 20,
          run: () => dispatch(MAIN_WINDOW_SENDER, 'fees:importPreview', rows),
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
