// A table's rows as plain values, the same whichever engine holds them, so a copy can be compared row for
// row with what it was copied from: the columns named by the source, values as the data layer returns
// them (integers and text; a bigint or a boolean folded to a number), and a digest of the rows in an
// order of their own (the engines sort text differently).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

export type Row = Record<string, unknown>;

/** The columns of a SQLite table, in their order. */
export async function sqliteColumns(db: AppDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db.q);
  return rows.map((r) => r.name);
}

/** The tables of a SQLite file. */
export async function sqliteTables(db: AppDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`.execute(db.q);
  return rows.map((r) => r.name);
}

/** Every row of `table`, only `columns`. */
export async function readRows(db: AppDb, table: string, columns: readonly string[]): Promise<Row[]> {
  const { rows } = await sql<Row>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(
    table,
  )}`.execute(db.q);
  return rows;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (Buffer.isBuffer(value)) return value.toString('hex');
  return value;
}

/** A row as one line of text: its values in column order. */
export function rowText(row: Row, columns: readonly string[]): string {
  return JSON.stringify(columns.map((c) => plain(row[c])));
}

export interface TableDigest {
  count: number;
  digest: string;
}

/** The rows' count and a digest of their contents, independent of the order they were read in. */
export function digestRows(rows: readonly Row[], columns: readonly string[]): TableDigest {
  const lines = rows.map((r) => rowText(r, columns)).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { count: rows.length, digest: hash.digest('hex') };
}
