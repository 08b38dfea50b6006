// SEC-16: Electronegativity over the built app (out/: main, preload, renderer as they ship), with no
// unwaived HIGH or MEDIUM finding; and over a deliberately insecure fixture, where it must find them.
// It scans the built JavaScript because its bundled TypeScript 4.2 parser cannot read our sources.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
const OFFLINE = path.join(ROOT, 'test/fixtures/electronegativity/offline.cjs');
const ELECTRON = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  }
).devDependencies.electron!;

/** Findings a person reviewed and accepted, with why. */
const WAIVED: Record<string, string> = {
  // LOW "review required": it flags any CSP; ours is the exact production policy checked in buildOutput.
  CSP_GLOBAL_CHECK: 'reviewed: the CSP is the strict production policy (SEC-4)',
  // MEDIUM, flagged for any openExternal with a variable address. Ours is the single call, inside
  // openExternalSafe (SEC-9: https only, administrator-listed origins, no credentials), held to one by
  // the grep gate in sourceGates and tested in test/unit/security/externalLinks.test.ts.
  OPEN_EXTERNAL_JS_CHECK: 'reviewed: the one call is openExternalSafe (SEC-9)',
};

interface Finding {
  issue: string;
  severity: string;
  file: string;
}

function scan(input: string): Finding[] {
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'verifydesk-eneg-')), 'report.csv');
  const run = spawnSync(
    process.execPath,
    ['--require', OFFLINE, CLI, '-i', input, '-e', ELECTRON, '-o', report],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(report, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [issue, severity, , file] = line.split(',');
      return { issue: issue!, severity: severity!.replace(/"/g, ''), file: file!.replace(/"/g, '') };
    });
}

const serious = (findings: Finding[]) =>
  findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !WAIVED[f.issue]);

describe('Electronegativity', () => {
  it('finds nothing high or medium in the built app', () => {
    const findings = scan(path.join(ROOT, 'out'));
    expect(serious(findings)).toEqual([]);
    // Whatever is left is waived with a reason.
    for (const f of findings) expect(WAIVED[f.issue], `${f.issue} in ${f.file}`).toBeDefined();
  }, 150_000);

  it('control: a window with context isolation, the sandbox and web security off is flagged', () => {
    const findings = scan(path.join(ROOT, 'test/fixtures/electronegativity/insecure'));
    const issues = serious(findings).map((f) => f.issue);
    // (It does not flag nodeIntegration: true here, a known gap; SEC-1's own test and gate cover it.)
    expect(issues).toEqual(
      expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK']),
    );
  }, 150_000);
});
