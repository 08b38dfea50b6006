// Plain SQL for tests that look at rows directly, on either engine: `?` placeholders (numbered for
// PostgreSQL), run in the data layer's current transaction if one is open.
import { CompiledQuery } from 'kysely';
import type { AppDb } from '../../src/main/db/appDb';

function compiled(db: AppDb, text: string, params: readonly unknown[]): CompiledQuery {
  let n = 0;
  const sql = db.engine === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return CompiledQuery.raw(sql, [...params]);
}

export async function rows<T = Record<string, unknown>>(
  db: AppDb,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  return (await db.q.executeQuery(compiled(db, text, params))).rows as T[];
}

export async function row<T = Record<string, unknown>>(
  db: AppDb,
  text: string,
  ...params: unknown[]
): Promise<T | undefined> {
  return (await rows<T>(db, text, ...params))[0];
}

/** A count or other single number (count(*) is a bigint on PostgreSQL). */
export async function num(db: AppDb, text: string, ...params: unknown[]): Promise<number> {
  const first = await row(db, text, ...params);
  return Number(first ? Object.values(first)[0] : NaN);
}

export async function run(db: AppDb, text: string, ...params: unknown[]): Promise<number> {
  const result = await db.q.executeQuery(compiled(db, text, params));
  return Number(result.numAffectedRows ?? 0);
}
