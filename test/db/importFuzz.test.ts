// FZ-4: every importer (licensed code file, fee schedule CSV, policy pack) fed mutated versions of a
// good file through the real dispatch: the preview always answers (problems carry line numbers), the
// apply either imports or refuses with a validation error, and a refusal leaves the data as it was.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/main/db/connection';
import { openSignedInApp } from '../helpers/appDispatch';
import { payerInput, planInput } from '../helpers/policyFixtures';
import { useTempDirs } from '../helpers/tempDir';
import { fixedClock } from '../helpers/testClock';
import { testServices } from '../helpers/services';

const RUNS = 150;
const TABLES = [
  'licensed_cdt_texts',
  'payers',
  'plans',
  'code_policies',
  'provenance',
  'plan_allowed_fees',
  'office_fees',
];

function dataHash(db: Db): string {
  const existing = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string }>).map(
      (r) => r.name,
    ),
  );
  return createHash('sha256')
    .update(
      TABLES.filter((t) => existing.has(t))
        .map((t) => JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()))
        .join('\n'),
    )
    .digest('hex');
}

const HOSTILE = [
  '"',
  ',',
  '\n',
  '\r\n',
  '\r',
  '\0',
  '\uFEFF',
  '=cmd|/c calc',
  '@SUM(A1)',
  'é',
  '\u202E',
  '\u200B',
  '😀',
  '1e3',
  '$1,234.50',
  '(5.00)',
  '-5',
  '45292',
  '2023-02-30',
  '12/31/2026',
  'd0367 ',
  '""',
  '{',
  '}',
  ']',
  'null',
];

/** Edits to a file's text: replace, insert hostile text, delete, truncate, duplicate a line, Latin-1 bytes. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...HOSTILE) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('latin1' as const), at: fc.nat() }),
);

type Mutation = { kind: string; at: number; text?: string; length?: number };

function mutate(text: string, edits: Mutation[]): Uint8Array {
  let s = text;
  let latin1At: number | null = null;
  for (const e of edits) {
    const at = s.length === 0 ? 0 : e.at % (s.length + 1);
    if (e.kind === 'insert') s = s.slice(0, at) + e.text + s.slice(at);
    if (e.kind === 'delete') s = s.slice(0, at) + s.slice(at + e.length!);
    if (e.kind === 'truncate') s = s.slice(0, at);
    if (e.kind === 'duplicateLine') {
      const lines = s.split('\n');
      const i = e.at % lines.length;
      lines.splice(i, 0, lines[i]!);
      s = lines.join('\n');
    }
    if (e.kind === 'latin1') latin1At = at;
  }
  const bytes = Buffer.from(s, 'utf8');
  // A byte that is not UTF-8 (as a Latin-1 "é" saved by an old spreadsheet).
  if (latin1At !== null && bytes.length > 0) bytes[latin1At % bytes.length] = 0xe9;
  return bytes;
}

describe('importer fuzz', () => {
  const tempDir = useTempDirs();

  it(`every importer, ${RUNS} mutated files each: previews answer, refusals change nothing`, async () => {
    const { db, send, reported } = await openSignedInApp(tempDir);
    const payer = (await send('payers:save', { id: null, payer: payerInput() })) as { value: { id: number } };
    const plan = (await send('plans:save', { id: null, plan: planInput(payer.value.id) })) as {
      value: { id: number };
    };
    const pack = JSON.stringify(await testServices(db, fixedClock()).packs.exportPack(), null, 2);
    const importers = [
      {
        name: 'licensed code file',
        base: 'Code,Nomenclature,Descriptor\r\nD0367,Synthetic nomenclature,"Synthetic, quoted descriptor"\r\nD0368,Synthetic,Synthetic\r\n',
        preview: (file: object) => send('catalog:importPreview', file),
        apply: (file: object) => send('catalog:importApply', file),
      },
      {
        name: 'fee schedule',
        base: 'code,allowed\r\nD0367,"$1,200.00"\r\nD0330,125\r\n',
        preview: (file: object) => send('fees:importPreview', { planId: plan.value.id, file }),
        apply: (file: object) => send('fees:importApply', { planId: plan.value.id, file }),
      },
      {
        name: 'policy pack',
        base: pack,
        preview: (file: object) => send('packs:importPreview', file),
        apply: (file: object) => send('packs:importApply', file),
      },
    ];
    const tally: string[] = [];
    for (const importer of importers) {
      let applied = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), async (edits) => {
          const bytes = mutate(importer.base, edits);
          const file = { fileName: 'mutated.csv', contentBase64: Buffer.from(bytes).toString('base64') };
          const preview = await importer.preview(file);
          if (preview.ok) {
            for (const issue of (preview.value as { issues: Array<{ line: number; message: string }> })
              .issues) {
              expect(Number.isInteger(issue.line), importer.name).toBe(true);
              expect(issue.message.length).toBeGreaterThan(0);
            }
          } else {
            expect(preview.error.code, `${importer.name} preview: ${preview.error.message}`).toBe(
              'validation',
            );
          }
          const before = dataHash(db.sqlite!);
          const result = await importer.apply(file);
          if (result.ok) {
            applied++;
          } else {
            refused++;
            expect(result.error.code, `${importer.name}: ${result.error.message}`).toBe('validation');
            expect(dataHash(db.sqlite!), importer.name).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
      tally.push(`${importer.name}: ${RUNS} files, ${applied} imported, ${refused} refused`);
    }
    expect(reported).toEqual([]);
    expect(db.sqlite!.pragma('integrity_check', { simple: true })).toBe('ok');
    console.log(`importer fuzz: ${tally.join('; ')}`);
  }, 120_000);
});
