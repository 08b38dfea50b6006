// The rows marked as sample data.
import type { Db } from '../connection';
import { stmt } from '../statements';

export function countSample(db: Db): { payers: number; plans: number } {
  return stmt(
    db,
    `SELECT (SELECT count(*) FROM payers WHERE is_sample = 1) AS payers, (SELECT count(*) FROM plans WHERE is_sample = 1) AS plans`,
  ).get() as { payers: number; plans: number };
}

export function countRealCoveragesOnSamplePlans(db: Db): number {
  return (
    stmt(
      db,
      `SELECT count(*) AS n FROM coverages c JOIN plans p ON p.id = c.plan_id
       JOIN patients pt ON pt.id = c.patient_id WHERE p.is_sample = 1 AND pt.is_sample = 0`,
    ).get() as { n: number }
  ).n;
}

/** Deletes sample rows child-first. Run inside a transaction. */
export function deleteSample(db: Db): void {
  // Statements first (the ledger lets only sample data take its statements with it), then the rows.
  stmt(
    db,
    `DELETE FROM observations WHERE plan_id IN (SELECT id FROM plans WHERE is_sample = 1)
       OR payer_id IN (SELECT id FROM payers WHERE is_sample = 1)
       OR coverage_id IN (SELECT c.id FROM coverages c JOIN plans p ON p.id = c.plan_id WHERE p.is_sample = 1)`,
  ).run();
  stmt(db, 'DELETE FROM coverages WHERE plan_id IN (SELECT id FROM plans WHERE is_sample = 1)').run();
  stmt(db, 'DELETE FROM plan_allowed_fees WHERE plan_id IN (SELECT id FROM plans WHERE is_sample = 1)').run();
  stmt(db, 'DELETE FROM plans WHERE is_sample = 1').run();
  stmt(db, 'DELETE FROM payers WHERE is_sample = 1').run();
}
