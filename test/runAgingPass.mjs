// The aging pass of `npm test`: proof that the suite does not depend on the day it runs.
// 1. The Node suites run with the machine's clock moved years ahead (faketime) while the tests' clock
//    is set to yet another day (a December 31st, where appointments cross a January renewal): a test
//    that reads the real clock, or a fixture date that ages, fails here.
// 2. The browser suite runs with main's and the page's clock on that far day.
// The process-kill suites (keyChangeKill, migrationKill) are left out of pass 1: they drive
// child processes through hundreds of kills, hold no calendar logic, and the TIME gates keep the wall
// clock out of them; they run in the main pass.
import { spawnSync } from 'node:child_process';

const MACHINE_DATE = process.env.VERIFYDESK_AGING_MACHINE_DATE ?? '2029-03-01 12:00:00';
const TEST_DAY = process.env.VERIFYDESK_AGING_TEST_DAY ?? '2031-12-31';
const KILL_SUITES = ['test/db/keyChangeKill.test.ts', 'test/db/migrationKill.test.ts'];

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
  [
    MACHINE_DATE,
    'npx',
    ...vitest,
    ...['unit', 'db', 'ipc', 'build', 'renderer'].flatMap((p) => ['--project', p]),
    ...KILL_SUITES.flatMap((f) => ['--exclude', f]),
  ],
  { VERIFYDESK_TEST_TODAY: TEST_DAY },
);
run(`browser suite, tests' day ${TEST_DAY}`, 'npx', [...vitest, '--project', 'e2e'], {
  VERIFYDESK_TEST_TODAY: TEST_DAY,
});
