// The aging pass of `npm test`: proof that the suite does not depend on the day it runs.
// 1. The Node suites run with the machine's clock moved years ahead (faketime) while the tests' clock
//    is set to yet another day (a December 31st, where appointments cross a January renewal): a test
//    that reads the real clock, or a fixture date that ages, fails here.
// 2. The browser suite runs with main's and the page's clock on that far day.
// Left out of pass 1, and run in the main pass only: the process-kill suites (see AGING_PASS_SKIPS in
// vitest.config.mts), and the build project, which reads source and built files (lint, source gates, CSP,
// packaging) and holds no dates.
import { spawnSync } from 'node:child_process';

const MACHINE_DATE = process.env.VERIFYDESK_AGING_MACHINE_DATE ?? '2029-03-01 12:00:00';
const TEST_DAY = process.env.VERIFYDESK_AGING_TEST_DAY ?? '2031-12-31';

function run(label, command, args, env = {}) {
  console.log(`\n==> aging pass: ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (spawnSync('faketime', ['--version'], { stdio: 'ignore' }).error) {
  console.error(
    'The aging pass needs faketime (Debian/Ubuntu: apt-get install faketime; .ci/run installs it).',
  );
  process.exit(1);
}

const vitest = ['vitest', 'run'];
run(
  `Node suites, machine clock at ${MACHINE_DATE}, tests' day ${TEST_DAY}`,
  'faketime',
  [MACHINE_DATE, 'npx', ...vitest, ...['unit', 'db', 'ipc', 'renderer'].flatMap((p) => ['--project', p])],
  { VERIFYDESK_TEST_TODAY: TEST_DAY, VERIFYDESK_AGING_PASS: '1' },
);
run(`browser suite, tests' day ${TEST_DAY}`, 'npx', [...vitest, '--project', 'e2e'], {
  VERIFYDESK_TEST_TODAY: TEST_DAY,
});
