// Grep gates over src/: constructs the security and durability requirements ban, each with the place it
// is allowed (if any). Every gate carries a sample line it must catch, so a broken pattern fails too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.(ts|tsx|cjs|mjs|js|html)$/.test(entry.name) ? [rel] : [];
  });
}

interface Gate {
  id: string;
  what: string;
  pattern: RegExp;
  /** Folder searched. */
  under: string;
  /** Files where the construct is the one allowed use. */
  allowedIn?: string[];
  /** A line the pattern must match. */
  sample: string;
}

/** `Date.now`, `new Date()` and `Date()` with no arguments: each reads the machine's clock. */
const WALL_CLOCK = /\bDate\.now\b|new Date\(\s*\)|(?<![\w.$])Date\(\s*\)/;

const GATES: Gate[] = [
  {
    id: 'SEC-1',
    what: 'sandbox switched off',
    pattern: /sandbox:\s*false/,
    under: 'src',
    sample: 'sandbox: false,',
  },
  {
    id: 'SEC-1',
    what: 'node integration',
    pattern: /nodeIntegration\w*:\s*true/,
    under: 'src',
    sample: 'nodeIntegration: true',
  },
  {
    id: 'SEC-1',
    what: 'Blink feature flags',
    pattern: /enableBlinkFeatures/,
    under: 'src',
    sample: "enableBlinkFeatures: 'X'",
  },
  { id: 'SEC-1', what: 'webview tags', pattern: /<webview/, under: 'src', sample: '<webview src="x">' },
  {
    id: 'SEC-3',
    what: 'the template toolkit preload',
    pattern: /@electron-toolkit\/preload/,
    under: 'src',
    sample: "import '@electron-toolkit/preload'",
  },
  // No external links exist yet; one allow-listed opener is the only permitted home when they do.
  {
    id: 'SEC-9',
    what: 'shell.openExternal outside openExternalSafe',
    pattern: /shell\.openExternal\(/,
    under: 'src',
    allowedIn: ['src/main/security/externalLinks.ts'],
    sample: 'shell.openExternal(url)',
  },
  {
    id: 'SEC-10',
    what: 'ipcMain.handle outside the one registration loop',
    pattern: /ipcMain\.handle\(/,
    under: 'src',
    allowedIn: ['src/main/ipc/registerHandlers.ts'],
    sample: 'ipcMain.handle(channel, fn)',
  },
  {
    id: 'SEC-10',
    what: 'ipcMain.on / sendSync',
    pattern: /ipcMain\.on\(|sendSync\(/,
    under: 'src',
    sample: "ipcMain.on('x', fn)",
  },
  {
    id: 'SEC-11',
    what: 'network access from main',
    pattern: /\bfetch\(|net\.request|autoUpdater|crashReporter\.start|from 'node:https?'|require\('https?'\)/,
    under: 'src/main',
    sample: "import https from 'node:https'",
  },
  {
    id: 'SEC-12',
    what: 'child_process in main (utilityProcess only)',
    pattern: /child_process/,
    under: 'src/main',
    sample: "import { fork } from 'node:child_process'",
  },
  {
    id: 'DB-1',
    what: 'opening SQLite anywhere but openDb',
    pattern: /new Database\(/,
    under: 'src',
    allowedIn: ['src/main/db/connection.ts'],
    sample: 'const db = new Database(file)',
  },
  {
    id: 'DB-3',
    what: 'weakened durability pragmas or the backup API',
    pattern: /synchronous\s*=\s*(OFF|NORMAL|0|1)\b|journal_mode\s*=\s*(OFF|MEMORY)|\.backup\(/i,
    under: 'src',
    sample: "db.pragma('synchronous = NORMAL')",
  },
  {
    id: 'HIPAA-8',
    what: 'deleting audit rows',
    pattern: /DELETE\s+FROM\s+audit_log/i,
    under: 'src',
    sample: 'DELETE FROM audit_log WHERE id = 1',
  },
  {
    id: 'HIPAA-11',
    what: 'a CSV written other than through exportCsv and its column allowlist',
    pattern: /\btoCsv\(/,
    under: 'src',
    allowedIn: ['src/shared/csv/writeCsv.ts', 'src/shared/csv/csvExports.ts'],
    sample: "const csv = toCsv([['name'], [patient.lastName]]);",
  },
  {
    id: 'VAL-7',
    what: 'floating-point money parsing in the engine and importers',
    pattern: /parseFloat|Number\.parseFloat/,
    under: 'src',
    sample: 'const amount = parseFloat(cell)',
  },
  // Time: the wall clock is read in one place per process; everything else gets the injected clock, so
  // tests run on a day they choose and the suite passes on any date (timers use performance.now()).
  {
    id: 'TIME-1',
    what: 'the wall clock read outside the clock modules',
    pattern: WALL_CLOCK,
    under: 'src',
    allowedIn: ['src/main/systemClock.ts', 'src/renderer/src/lib/clock.ts'],
    sample: 'const today = localDate(new Date());',
  },
  {
    id: 'TIME-2',
    what: 'a test reading the wall clock instead of the test clock (test/helpers/testClock.ts)',
    pattern: WALL_CLOCK,
    under: 'test',
    allowedIn: ['test/build/sourceGates.test.ts'],
    sample: '  const started = Date.now();',
  },
];

describe('source gates', () => {
  it('TIME: the wall-clock pattern catches every way of reading it, and not a date built from a value', () => {
    for (const line of ['Date.now()', 'now: Date.now,', 'new Date()', 'new Date( )', 'String(Date())'])
      expect(WALL_CLOCK.test(line), line).toBe(true);
    for (const line of [
      'new Date(iso)',
      'new Date(2026, 0, 1)',
      'performance.now()',
      'isoDate()',
      'toDate()',
    ])
      expect(WALL_CLOCK.test(line), line).toBe(false);
  });

  it.each(GATES.map((g) => [`${g.id}: ${g.what}`, g] as const))('%s', (_name, gate) => {
    expect(gate.pattern.test(gate.sample), 'the gate must catch its own sample').toBe(true);
    const hits = sourceFiles(gate.under).flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (gate.pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    const allowed = (hit: string) => gate.allowedIn?.some((f) => hit.startsWith(`${f}:`)) ?? false;
    expect(hits.filter((h) => !allowed(h))).toEqual([]);
  });

  it('VAL-4: SQL text interpolates only named constants, outside the modules that handle identifiers', () => {
    // Statements bind values as parameters. An SQL template literal may splice in an UPPER_CASE constant
    // (a column list) anywhere; other interpolation only where identifiers come from the schema itself or
    // a fixed list (each entry says why).
    const ALLOWED: Record<string, string> = {
      'src/main/db/rebuildTable.ts': 'table and column names from the migration, quoted',
      'src/main/backup/backupFiles.ts': 'table names read from sqlite_schema, quoted',
      'src/main/db/migrations/0003-payers-plans-patients.ts': 'CHECK clauses built from column names',
      'src/main/db/pg/pgSchema.ts': 'DDL built from fixed column names, checks and messages, no values',
    };
    const FIXED_EXPRESSIONS: Record<string, string[]> = {};
    const SQL = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|CREATE|DROP|ALTER TABLE|VALUES|WHERE)\b/;
    // The query layer's sql`...` tag (Kysely) binds every ${value} as a parameter; only sql.raw and
    // sql.lit splice text, so those are refused instead.
    const splices = (text: string) =>
      [...text.matchAll(/(\bsql(?:<[^`]*>)?)?`([^`]*)`/g)].flatMap(([, tag, body]) =>
        !tag && SQL.test(body!) ? [...body!.matchAll(/\$\{([^}]*)\}/g)].map(([, expr]) => expr!.trim()) : [],
      );
    const rawSplices = (text: string) => [...text.matchAll(/\bsql\.(raw|lit)\(/g)].map(([call]) => call);
    const offending = (file: string, text: string) =>
      ALLOWED[file]
        ? []
        : [
            ...splices(text).filter(
              (e) => !/^[A-Z][A-Z0-9_]*$/.test(e) && !FIXED_EXPRESSIONS[file]?.includes(e),
            ),
            ...rawSplices(text),
          ];
    expect(
      offending('src/sample.ts', "db.prepare(`SELECT * FROM patients WHERE last_name = '${name}'`)"),
    ).toEqual(['name']);
    expect(offending('src/sample.ts', 'db.prepare(`SELECT ${COLUMNS} FROM patients WHERE id = ?`)')).toEqual(
      [],
    );
    expect(offending('src/sample.ts', 'sql<Row>`SELECT * FROM patients WHERE last_name = ${name}`')).toEqual(
      [],
    );
    expect(offending('src/sample.ts', 'sql`SELECT * FROM ${sql.raw(table)} WHERE id = ${id}`')).toEqual([
      'sql.raw(',
    ]);
    const hits = sourceFiles('src').flatMap((file) =>
      offending(file, readFileSync(path.join(ROOT, file), 'utf8')).map((expr) => `${file}: \${${expr}}`),
    );
    expect(hits).toEqual([]);
  });

  it('SEC-9: exactly one shell.openExternal( in src, inside openExternalSafe', () => {
    const calls = sourceFiles('src').flatMap((file) =>
      (readFileSync(path.join(ROOT, file), 'utf8').match(/shell\.openExternal\(/g) ?? []).map(() => file),
    );
    expect(calls).toEqual(['src/main/security/externalLinks.ts']);
  });

  it('DB-1 / ENC-1: one SQLite in the process, the encrypting build, pinned at 13.x', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const all = { ...pkg.dependencies, ...pkg.devDependencies };
    expect(all['better-sqlite3-multiple-ciphers']).toMatch(/^13\./);
    expect(all['better-sqlite3']).toBeUndefined();
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    expect(Object.keys(lock.packages).filter((p) => /node_modules\/better-sqlite3$/.test(p))).toEqual([]);
    expect(lock.packages['node_modules/better-sqlite3-multiple-ciphers']?.version).toMatch(/^13\./);
  });
});
