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

/** One finding per line of the CSV report: `ISSUE,"SEVERITY","CONFIDENCE","file",...`. */
const FINDING_LINE = /^([A-Z0-9_]+),"([A-Z]+)","[A-Z]*","([^"]*)"/;

function scanOnce(input: string): { findings: Finding[]; whole: boolean } {
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
  const lines = readFileSync(report, 'utf8').trim().split('\n').filter(Boolean);
  const findings = lines.slice(1).flatMap((line) => {
    const m = FINDING_LINE.exec(line);
    return m ? [{ issue: m[1]!, severity: m[2]!, file: m[3]! }] : [];
  });
  // The tool writes the header and the findings with two unawaited file writes, so on a busy machine the
  // report is now and then cut or out of order (seen twice in about ten runs). Only a report that starts
  // with its header and whose every other line is a finding counts.
  const whole = lines[0]?.startsWith('issue,') === true && findings.length === lines.length - 1;
  return { findings, whole };
}

function scan(input: string): Finding[] {
  for (let attempt = 1; ; attempt++) {
    const { findings, whole } = scanOnce(input);
    if (whole) return findings;
    if (attempt === 3) throw new Error(`Electronegativity wrote a cut report ${attempt} times for ${input}`);
  }
}

const serious = (findings: Finding[]) =>
  findings.filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !WAIVED[f.issue]);

describe('Electronegativity', () => {
  it('finds nothing high or medium in the built app', () => {
    const findings = scan(path.join(ROOT, 'out'));
    // The scan saw the app: the finding every build has (the CSP, reviewed) is in the report.
    expect(findings.map((f) => f.issue)).toContain('CSP_GLOBAL_CHECK');
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
