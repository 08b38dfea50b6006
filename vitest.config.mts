import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const nodeProject = (name: string, include: string[], extra: Record<string, unknown> = {}) => ({
  test: {
    name,
    include,
    environment: 'node',
    setupFiles: ['test/setup/requireModernNode.ts', 'test/setup/fastCheckSeed.ts'],
    ...extra,
  },
});

/**
 * The suites that run a second time with the office's data on PostgreSQL (when VERIFYDESK_TEST_PG names a
 * server): everything about office data. Left out, and why: SQLite's own infrastructure (the encrypted
 * file, its keys, backups and restores, damaged-start recovery, migrations 1-13, the power-cut model,
 * read-only files, a full disk), the code catalog (it stays on each desk's SQLite file), and tests that
 * edit the SQLite file directly as an attacker with the key would, or count SQLite's own changes (the
 * fuzz suites, the timestamp census over sqlite_schema).
 * ipc: the one file that reaches office data (the others test dispatch, the guard and the preload with no
 * database). e2e: the journeys a front desk makes on the office database (the harness then opens it the way
 * startup does); left out there: SQLite's key, recovery, damaged-start and restore screens, and the
 * lookup (the catalog stays on each desk).
 */
const PG_SUITES = {
  db: [
    'test/db/auditByPatient.test.ts',
    'test/db/auditedViews.test.ts',
    'test/db/auditTrail.test.ts',
    'test/db/callService.test.ts',
    'test/db/csvExports.test.ts',
    'test/db/eligibilityCall.test.ts',
    'test/db/eligibilityImport.test.ts',
    'test/db/estimateService.test.ts',
    'test/db/fees.test.ts',
    'test/db/goodFaithEstimate.test.ts',
    'test/db/ledgerFlow.test.ts',
    'test/db/officeBeforePrinting.test.ts',
    'test/db/onFileList.test.ts',
    'test/db/packExportRole.test.ts',
    'test/db/packSize.test.ts',
    'test/db/patientSearch.test.ts',
    'test/db/payerPortal.test.ts',
    'test/db/policyPack.test.ts',
    'test/db/policyStore.test.ts',
    'test/db/priorAuth.test.ts',
    'test/db/reverify.test.ts',
    'test/db/sampleData.test.ts',
    'test/db/session.test.ts',
    'test/db/sessionFailures.test.ts',
    'test/db/sessionModel.test.ts',
    'test/db/settingsService.test.ts',
    'test/db/pg/**/*.test.ts',
  ],
  ipc: ['test/ipc/officeDatabase.test.ts'],
  e2e: [
    'test/e2e/call.test.ts',
    'test/e2e/data.test.ts',
    'test/e2e/eligibility.test.ts',
    'test/e2e/headsetCall.test.ts',
    'test/e2e/ledgerJourney.test.ts',
    'test/e2e/payers.test.ts',
    'test/e2e/pg/**/*.test.ts',
    'test/e2e/printouts.test.ts',
  ],
};

/**
 * Left out of the aging pass (test/runAgingPass.mjs sets VERIFYDESK_AGING_PASS): the process-kill suites
 * drive child processes through dozens of kills, hold no calendar logic, and the TIME gates keep the wall
 * clock out of them; they run in the main pass. (A CLI --exclude does not reach a project's own list.)
 */
const AGING_PASS_SKIPS = process.env.VERIFYDESK_AGING_PASS
  ? ['test/db/keyChangeKill.test.ts', 'test/db/migrationKill.test.ts']
  : [];

const E2E = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  fileParallelism: false,
  expect: { poll: { timeout: 5_000 } },
};

/** The same files with the office's data on the test server: env picks the engine in the helpers. */
const onPostgres = (name: string, include: string[], extra: Record<string, unknown> = {}) =>
  nodeProject(`${name}-pg`, include, {
    ...extra,
    env: { VERIFYDESK_TEST_ENGINE: 'postgres' },
    globalSetup: ['test/setup/pgTemplate.ts'],
  });

const postgresProjects = process.env.VERIFYDESK_TEST_PG
  ? [
      onPostgres('db', PG_SUITES.db, { testTimeout: 60_000, hookTimeout: 60_000 }),
      onPostgres('ipc', PG_SUITES.ipc),
      // After every other project: two browser suites at once would crowd a two-core machine.
      onPostgres('e2e', PG_SUITES.e2e, { ...E2E, sequence: { groupOrder: 1 } }),
    ]
  : [];

export default defineConfig({
  test: {
    projects: [
      nodeProject('unit', ['test/unit/**/*.test.ts']),
      // test/db/pg: what only several desks on one server do; those run in db-pg alone.
      nodeProject('db', ['test/db/**/*.test.ts'], {
        testTimeout: 60_000,
        exclude: ['test/db/pg/**', ...AGING_PASS_SKIPS],
      }),
      nodeProject('ipc', ['test/ipc/**/*.test.ts']),
      // ESLint and Electronegativity load their rules on first use: seconds on a busy machine.
      nodeProject('build', ['test/build/**/*.test.ts'], { testTimeout: 30_000 }),
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/setup/requireModernNode.ts', 'test/setup/renderer.ts'],
        },
      },
      // The browser suite drives one Chromium at a time; files run one after another.
      // A screen answers in milliseconds, but a busy machine (two cores, CI beside other work) can take
      // seconds; polls wait up to five before a test fails.
      // test/e2e/pg: journeys that need the office database (run in e2e-pg alone).
      nodeProject('e2e', ['test/e2e/**/*.test.ts'], { ...E2E, exclude: ['test/e2e/pg/**'] }),
      ...postgresProjects,
    ],
  },
});
