// What of the office's data an office database holds already, table by table: a move goes only into a
// database holding none, and the connection check says which it is.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

export interface HeldRows {
  table: string;
  count: number;
}

/** Every table but the schema's own record, with its rows when it has any (none: the list is empty). */
export async function officeDataHeld(db: AppDb): Promise<HeldRows[]> {
  const { rows: tables } = await sql<{ name: string }>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'verifydesk_schema'
    ORDER BY table_name`.execute(db.q);
  const held: HeldRows[] = [];
  for (const { name } of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(db.q);
    const count = Number(rows[0]!.n);
    if (count > 0) held.push({ table: name, count });
  }
  return held;
}
