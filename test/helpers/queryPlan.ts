// How the engine would run a query, as text, to check that an index serves it. SQLite: EXPLAIN QUERY
// PLAN. PostgreSQL: EXPLAIN with sequential scans discouraged, since a test's few rows would otherwise
// be read straight from the table whatever indexes exist (the question is whether one can serve it).
// `?` stands for one text value, written in as 'X' (the query text is the test's own).
import type { AppDb } from '../../src/main/db/appDb';
import { rows, run } from './sqlRows';

export async function queryPlan(db: AppDb, query: string): Promise<string> {
  if (db.engine === 'sqlite') {
    const steps = await rows<{ detail: string }>(db, `EXPLAIN QUERY PLAN ${query}`, 'X');
    return steps.map((r) => r.detail).join(' | ');
  }
  // Statistics first: without them the planner guesses every index equally cheap.
  await run(db, 'ANALYZE');
  return db.tx(async () => {
    await run(db, 'SET LOCAL enable_seqscan = off');
    const steps = await rows<{ 'QUERY PLAN': string }>(db, `EXPLAIN ${query.replace(/\?/g, "'X'")}`);
    return steps.map((r) => r['QUERY PLAN']).join(' | ');
  });
}
