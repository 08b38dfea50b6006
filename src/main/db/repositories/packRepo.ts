// Reads everything a policy pack carries, in one pass, for export.
import type { Db } from '../connection';
import { stmt } from '../statements';

export function listRealPayerIds(db: Db): number[] {
  return (
    stmt(db, 'SELECT id FROM payers WHERE is_sample = 0 ORDER BY name COLLATE NOCASE').all() as Array<{
      id: number;
    }>
  ).map((r) => r.id);
}

export function listPlanIdsForPayer(db: Db, payerId: number): number[] {
  return (
    stmt(db, 'SELECT id FROM plans WHERE payer_id = ? ORDER BY name COLLATE NOCASE, group_number').all(
      payerId,
    ) as Array<{ id: number }>
  ).map((r) => r.id);
}

export function findPlanId(db: Db, payerId: number, name: string, groupNumber: string | null): number | null {
  const row = stmt(
    db,
    'SELECT id FROM plans WHERE payer_id = ? AND name = ? COLLATE NOCASE AND group_number IS ?',
  ).get(payerId, name, groupNumber) as { id: number } | undefined;
  return row?.id ?? null;
}
