// The office's own fees per code, and each plan's allowed fees per code.
import type { AppDb } from '../appDb';

export interface FeeRow {
  code: string;
  cents: number;
}

export async function listOfficeFees(db: AppDb): Promise<FeeRow[]> {
  return db.q
    .selectFrom('office_fees')
    .select(['cdt_code as code', 'fee_cents as cents'])
    .orderBy('cdt_code')
    .execute();
}

/** A plan's fee schedule, with the day each fee was last imported or typed (the estimate weighs it). */
export async function listPlanFees(
  db: AppDb,
  planId: number,
): Promise<Array<FeeRow & { updatedAt: string }>> {
  return db.q
    .selectFrom('plan_allowed_fees')
    .select(['cdt_code as code', 'allowed_cents as cents', 'updated_at as updatedAt'])
    .where('plan_id', '=', planId)
    .orderBy('cdt_code')
    .execute();
}

export async function upsertOfficeFee(db: AppDb, row: FeeRow, now: string): Promise<void> {
  await db.q
    .insertInto('office_fees')
    .values({ cdt_code: row.code, fee_cents: row.cents, updated_at: now })
    .onConflict((oc) =>
      oc.column('cdt_code').doUpdateSet((eb) => ({
        fee_cents: eb.ref('excluded.fee_cents'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function upsertPlanFee(db: AppDb, planId: number, row: FeeRow, now: string): Promise<void> {
  await db.q
    .insertInto('plan_allowed_fees')
    .values({ plan_id: planId, cdt_code: row.code, allowed_cents: row.cents, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['plan_id', 'cdt_code']).doUpdateSet((eb) => ({
        allowed_cents: eb.ref('excluded.allowed_cents'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function deletePlanFees(db: AppDb, planId: number): Promise<void> {
  await db.q.deleteFrom('plan_allowed_fees').where('plan_id', '=', planId).execute();
}
