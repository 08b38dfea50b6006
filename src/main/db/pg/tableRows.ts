// A table's rows as plain values, the same whichever engine holds them, so a copy can be compared row for
// row with what it was copied from: the columns named by the source, values as the data layer returns
// them (integers and text; a bigint or a boolean folded to a number). Read a page at a time, so a desk
// with years of calls is moved and checked in little memory, and digested in any order (the engines
// store and sort rows differently).
import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { AppDb } from '../appDb';

export type Row = Record<string, unknown>;

/** Rows read at a time. */
export const PAGE_ROWS = 2000;

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

/**
 * How a SQLite table's rows are paged: by rowid, or for a table WITHOUT ROWID by its primary key (row
 * values compare column by column).
 */
async function sqlitePageKey(db: AppDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ withoutRowid: number }>`
    SELECT sql LIKE '%WITHOUT ROWID%' AS "withoutRowid" FROM sqlite_schema WHERE name = ${table}`.execute(
    db.q,
  );
  if (!rows[0]?.withoutRowid) return ['rowid'];
  const key = await sql<{ name: string }>`
    SELECT name FROM pragma_table_info(${table}) WHERE pk > 0 ORDER BY pk`.execute(db.q);
  return key.rows.map((r) => r.name);
}

/**
 * Every row of `table` (only `columns`), a page at a time in the order the engine keeps them: on SQLite by
 * rowid (the order they were added) or primary key, on PostgreSQL by ctid. Run inside a transaction, so
 * the pages are of one moment.
 */
export async function* pagesOf(db: AppDb, table: string, columns: readonly string[]): AsyncGenerator<Row[]> {
  const key = db.engine === 'postgres' ? ['ctid'] : await sqlitePageKey(db, table);
  // The position is read back as text on PostgreSQL (a tid) and as the key's own values on SQLite.
  const positions = key.map(
    (k, i) =>
      sql`${sql.ref(k)}${db.engine === 'postgres' ? sql`::text` : sql``} AS ${sql.ref(`vd_key_${i}`)}`,
  );
  const keyRow = sql.join(key.map((k) => sql.ref(k)));
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  let after: unknown[] | null = null;
  for (;;) {
    const past: RawBuilder<unknown> =
      after === null
        ? sql``
        : db.engine === 'postgres'
          ? sql`WHERE ctid > ${after[0]}::tid`
          : sql`WHERE (${keyRow}) > (${sql.join(after.map((v) => sql`${v}`))})`;
    const { rows }: { rows: Row[] } =
      await sql<Row>`SELECT ${sql.join(positions)}, ${cols} FROM ${sql.table(table)} ${past}
      ORDER BY ${keyRow} LIMIT ${PAGE_ROWS}`.execute(db.q);
    if (rows.length === 0) return;
    const last = rows.at(-1)!;
    after = key.map((_, i) => last[`vd_key_${i}`]);
    yield rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([name]) => !name.startsWith('vd_key_'))),
    );
    if (rows.length < PAGE_ROWS) return;
  }
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

const MOD = 1n << 256n;

/**
 * The rows' count and a digest of their contents that does not depend on their order: the sum of each
 * row's SHA-256 (a multiset hash; it finds a missing, extra or changed row, which is what a copy can get
 * wrong, and is not meant to stand against someone crafting rows).
 */
export class TableDigest {
  count = 0;
  private sum = 0n;

  constructor(readonly columns: readonly string[]) {}

  add(rows: readonly Row[]): void {
    for (const row of rows) {
      const hash = createHash('sha256').update(rowText(row, this.columns)).digest('hex');
      this.sum = (this.sum + BigInt(`0x${hash}`)) % MOD;
      this.count++;
    }
  }

  get digest(): string {
    return this.sum.toString(16).padStart(64, '0');
  }
}
