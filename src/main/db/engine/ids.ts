// A row's id taken before the row is written (a Good Faith Estimate carries its own number inside its
// frozen snapshot). SQLite has one writer, so the next number is free until the transaction ends;
// PostgreSQL has several, so the id comes from the table's own sequence, which never hands one out twice.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

type TableWithSequence = 'good_faith_estimates';

export async function nextId(db: AppDb, table: TableWithSequence): Promise<number> {
  if (db.engine === 'postgres') {
    const { rows } = await sql<{ id: number }>`
      SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id`.execute(db.q);
    return Number(rows[0]!.id);
  }
  const row = await db.q
    .selectFrom(table)
    .select(sql<number>`coalesce(max(id), 0) + 1`.as('id'))
    .executeTakeFirstOrThrow();
  return row.id;
}
