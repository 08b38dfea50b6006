// `npm run bench`: runs every test/bench/*.bench.ts suite (or those named on the command line) and
// prints one table of median and p95 per case.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatTable, measure, type BenchResult, type BenchSuite } from './bench';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((name) => f.includes(name)))
    .sort();
  const results: BenchResult[] = [];
  const notes: string[] = [];
  for (const file of files) {
    const suite = (await import(pathToFileURL(path.join(__dirname, file)).href)).default as BenchSuite;
    const missing = suite.unavailable?.() ?? null;
    if (missing) {
      process.stderr.write(`bench: ${suite.name}: not run: ${missing}\n`);
      notes.push(`${suite.name}: not run: ${missing}`);
      continue;
    }
    process.stderr.write(`bench: ${suite.name}: setting up\n`);
    const { cases, teardown } = await suite.setup();
    const suiteResults: BenchResult[] = [];
    try {
      for (const benchCase of cases) {
        suiteResults.push(await measure(suite.name, benchCase));
        process.stderr.write(`bench: ${suite.name}: ${benchCase.name} done\n`);
      }
    } finally {
      await teardown?.();
    }
    results.push(...suiteResults);
    notes.push(...(suite.notes?.(suiteResults) ?? []).map((line) => `${suite.name}: ${line}`));
  }
  console.log(`\nVerifyDesk benchmarks (Node ${process.versions.node})\n`);
  console.log(formatTable(results));
  if (notes.length > 0) console.log(`\n${notes.join('\n')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
