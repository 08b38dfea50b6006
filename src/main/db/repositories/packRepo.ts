// Reads everything a policy pack carries, in one pass, for export.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

export async function listRealPayerIds(db: AppDb): Promise<number[]> {
  const rows = await db.q
    .selectFrom('payers')
    .select('id')
    .where('is_sample', '=', 0)
    .orderBy(sql`lower(name)`)
    .execute();
  return rows.map((r) => r.id);
}

export async function listPlanIdsForPayer(db: AppDb, payerId: number): Promise<number[]> {
  const rows = await db.q
    .selectFrom('plans')
    .select('id')
    .where('payer_id', '=', payerId)
    .orderBy(sql`lower(name)`)
    .orderBy('group_number')
    .execute();
  return rows.map((r) => r.id);
}

export async function findPlanId(
  db: AppDb,
  payerId: number,
  name: string,
  groupNumber: string | null,
): Promise<number | null> {
  const row = await db.q
    .selectFrom('plans')
    .select('id')
    .where('payer_id', '=', payerId)
    .where(sql`lower(name)`, '=', sql<string>`lower(${name})`)
    .where('group_number', 'is not distinct from', groupNumber)
    .executeTakeFirst();
  return row?.id ?? null;
}
