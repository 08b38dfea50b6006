// The office's own fees per code, and each plan's allowed fees per code.
import type { Db } from '../connection';
import { stmt } from '../statements';

export interface FeeRow {
  code: string;
  cents: number;
}

export function listOfficeFees(db: Db): FeeRow[] {
  return stmt(
    db,
    'SELECT cdt_code AS code, fee_cents AS cents FROM office_fees ORDER BY cdt_code',
  ).all() as FeeRow[];
}

/** A plan's fee schedule, with the day each fee was last imported or typed (the estimate weighs it). */
export function listPlanFees(db: Db, planId: number): Array<FeeRow & { updatedAt: string }> {
  return stmt(
    db,
    `SELECT cdt_code AS code, allowed_cents AS cents, updated_at AS updatedAt FROM plan_allowed_fees
     WHERE plan_id = ? ORDER BY cdt_code`,
  ).all(planId) as Array<FeeRow & { updatedAt: string }>;
}

export function upsertOfficeFee(db: Db, row: FeeRow, now: string): void {
  stmt(
    db,
    `INSERT INTO office_fees (cdt_code, fee_cents, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (cdt_code) DO UPDATE SET fee_cents = excluded.fee_cents, updated_at = excluded.updated_at`,
  ).run(row.code, row.cents, now);
}

export function upsertPlanFee(db: Db, planId: number, row: FeeRow, now: string): void {
  stmt(
    db,
    `INSERT INTO plan_allowed_fees (plan_id, cdt_code, allowed_cents, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (plan_id, cdt_code) DO UPDATE SET allowed_cents = excluded.allowed_cents, updated_at = excluded.updated_at`,
  ).run(planId, row.code, row.cents, now);
}

export function deletePlanFees(db: Db, planId: number): void {
  stmt(db, 'DELETE FROM plan_allowed_fees WHERE plan_id = ?').run(planId);
}
