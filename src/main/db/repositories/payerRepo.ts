import type { Payer, PayerInput, PlanSummary } from '../../../shared/policy/policyViews';
import type { Db } from '../connection';
import { stmt } from '../statements';

const PAYER_COLUMNS = `p.id, p.name, p.electronic_payer_id AS electronicPayerId, p.phone_benefits AS phoneBenefits,
  p.phone_prior_auth AS phonePriorAuth, p.phone_medical AS phoneMedical,
  p.phone_provider_services AS phoneProviderServices, p.portal_url AS portalUrl, p.fax,
  p.claims_address AS claimsAddress, p.notes, p.sends_inverted_coinsurance AS sendsInvertedCoinsurance,
  p.is_sample AS isSample, p.updated_at AS updatedAt,
  (SELECT count(*) FROM plans WHERE payer_id = p.id) AS planCount`;

type PayerRow = Omit<Payer, 'isSample'> & { isSample: number };
const toPayer = (row: PayerRow): Payer => ({ ...row, isSample: row.isSample === 1 });

export function listPayers(db: Db): Payer[] {
  return (
    stmt(db, `SELECT ${PAYER_COLUMNS} FROM payers p ORDER BY p.name COLLATE NOCASE`).all() as PayerRow[]
  ).map(toPayer);
}

export function getPayer(db: Db, id: number): Payer | null {
  const row = stmt(db, `SELECT ${PAYER_COLUMNS} FROM payers p WHERE p.id = ?`).get(id) as
    PayerRow | undefined;
  return row ? toPayer(row) : null;
}

export function findPayerIdByName(db: Db, name: string): number | null {
  const row = stmt(db, 'SELECT id FROM payers WHERE name = ? COLLATE NOCASE').get(name) as
    { id: number } | undefined;
  return row?.id ?? null;
}

/** The payer's columns in the order insert and update list them. */
function payerValues(p: PayerInput): Array<string | null> {
  return [
    p.name,
    p.electronicPayerId,
    p.phoneBenefits,
    p.phonePriorAuth,
    p.phoneMedical,
    p.phoneProviderServices,
    p.portalUrl,
    p.fax,
    p.claimsAddress,
    p.notes,
    p.sendsInvertedCoinsurance,
  ];
}

export function insertPayer(db: Db, p: PayerInput, isSample: boolean, now: string): number {
  const result = stmt(
    db,
    `INSERT INTO payers (name, electronic_payer_id, phone_benefits, phone_prior_auth, phone_medical,
       phone_provider_services, portal_url, fax, claims_address, notes, sends_inverted_coinsurance, is_sample, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...payerValues(p), isSample ? 1 : 0, now);
  return Number(result.lastInsertRowid);
}

export function updatePayer(db: Db, id: number, p: PayerInput, now: string): boolean {
  return (
    stmt(
      db,
      `UPDATE payers SET name = ?, electronic_payer_id = ?, phone_benefits = ?, phone_prior_auth = ?, phone_medical = ?,
         phone_provider_services = ?, portal_url = ?, fax = ?, claims_address = ?, notes = ?,
         sends_inverted_coinsurance = ?, updated_at = ? WHERE id = ?`,
    ).run(...payerValues(p), now, id).changes === 1
  );
}

export function deletePayer(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM payers WHERE id = ?').run(id).changes === 1;
}

// ---- plans ----

export interface PlanRow extends Omit<PlanSummary, 'isSample'> {
  isSample: number;
  notes: string | null;
  updatedAt: string;
}

const PLAN_COLUMNS = `pl.id, pl.payer_id AS payerId, py.name AS payerName, pl.name, pl.group_number AS groupNumber,
  pl.employer_name AS employerName, pl.plan_type AS planType, pl.notes, pl.is_sample AS isSample,
  pl.updated_at AS updatedAt`;

export function getPlanRow(db: Db, id: number): PlanRow | null {
  return (
    (stmt(
      db,
      `SELECT ${PLAN_COLUMNS} FROM plans pl JOIN payers py ON py.id = pl.payer_id WHERE pl.id = ?`,
    ).get(id) as PlanRow | undefined) ?? null
  );
}

export function listPlanSummaries(db: Db, payerId: number | null): PlanSummary[] {
  const rows = stmt(
    db,
    `SELECT pl.id, pl.payer_id AS payerId, py.name AS payerName, pl.name, pl.group_number AS groupNumber,
       pl.employer_name AS employerName, pl.plan_type AS planType, pl.is_sample AS isSample
     FROM plans pl JOIN payers py ON py.id = pl.payer_id
     WHERE @payerId IS NULL OR pl.payer_id = @payerId ORDER BY py.name COLLATE NOCASE, pl.name COLLATE NOCASE`,
  ).all({ payerId }) as Array<Omit<PlanSummary, 'isSample'> & { isSample: number }>;
  return rows.map((r) => ({ ...r, isSample: r.isSample === 1 }));
}

export interface PlanWrite {
  payerId: number;
  name: string;
  groupNumber: string | null;
  employerName: string | null;
  planType: PlanSummary['planType'];
  notes: string | null;
}

export function insertPlan(db: Db, p: PlanWrite, isSample: boolean, now: string): number {
  const result = stmt(
    db,
    `INSERT INTO plans (payer_id, name, group_number, employer_name, plan_type, notes, is_sample, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(p.payerId, p.name, p.groupNumber, p.employerName, p.planType, p.notes, isSample ? 1 : 0, now);
  return Number(result.lastInsertRowid);
}

export function updatePlan(db: Db, id: number, p: PlanWrite, now: string): boolean {
  return (
    stmt(
      db,
      `UPDATE plans SET payer_id = ?, name = ?, group_number = ?, employer_name = ?, plan_type = ?, notes = ?, updated_at = ?
       WHERE id = ?`,
    ).run(p.payerId, p.name, p.groupNumber, p.employerName, p.planType, p.notes, now, id).changes === 1
  );
}

export function deletePlan(db: Db, id: number): boolean {
  return stmt(db, 'DELETE FROM plans WHERE id = ?').run(id).changes === 1;
}
