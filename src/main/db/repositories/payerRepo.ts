import { sql } from 'kysely';
import type { Payer, PayerInput, PlanSummary } from '../../../shared/policy/policyViews';
import type { AppDb } from '../appDb';

type PayerRow = Omit<Payer, 'isSample' | 'sendsInvertedCoinsurance'> & {
  isSample: number;
  sendsInvertedCoinsurance: string;
};
const toPayer = (row: PayerRow): Payer => ({
  ...row,
  sendsInvertedCoinsurance: row.sendsInvertedCoinsurance as Payer['sendsInvertedCoinsurance'],
  isSample: row.isSample === 1,
  planCount: Number(row.planCount),
});

const selectPayers = (db: AppDb) =>
  db.q
    .selectFrom('payers as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.electronic_payer_id as electronicPayerId',
      'p.phone_benefits as phoneBenefits',
      'p.phone_prior_auth as phonePriorAuth',
      'p.phone_medical as phoneMedical',
      'p.phone_provider_services as phoneProviderServices',
      'p.portal_url as portalUrl',
      'p.fax',
      'p.claims_address as claimsAddress',
      'p.notes',
      'p.sends_inverted_coinsurance as sendsInvertedCoinsurance',
      'p.is_sample as isSample',
      'p.updated_at as updatedAt',
      eb
        .selectFrom('plans')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('plans.payer_id', '=', 'p.id')
        .as('planCount'),
    ])
    .$narrowType<{ planCount: number }>();

export async function listPayers(db: AppDb): Promise<Payer[]> {
  return (
    await selectPayers(db)
      .orderBy(sql`lower(p.name)`)
      .execute()
  ).map(toPayer);
}

export async function getPayer(db: AppDb, id: number): Promise<Payer | null> {
  const row = await selectPayers(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toPayer(row) : null;
}

export async function findPayerIdByName(db: AppDb, name: string): Promise<number | null> {
  const row = await db.q
    .selectFrom('payers')
    .select('id')
    .where(sql`lower(name)`, '=', sql<string>`lower(${name})`)
    .executeTakeFirst();
  return row?.id ?? null;
}

const payerValues = (p: PayerInput) => ({
  name: p.name,
  electronic_payer_id: p.electronicPayerId,
  phone_benefits: p.phoneBenefits,
  phone_prior_auth: p.phonePriorAuth,
  phone_medical: p.phoneMedical,
  phone_provider_services: p.phoneProviderServices,
  portal_url: p.portalUrl,
  fax: p.fax,
  claims_address: p.claimsAddress,
  notes: p.notes,
  sends_inverted_coinsurance: p.sendsInvertedCoinsurance,
});

export async function insertPayer(db: AppDb, p: PayerInput, isSample: boolean, now: string): Promise<number> {
  const row = await db.q
    .insertInto('payers')
    .values({ ...payerValues(p), is_sample: isSample ? 1 : 0, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePayer(db: AppDb, id: number, p: PayerInput, now: string): Promise<boolean> {
  const result = await db.q
    .updateTable('payers')
    .set({ ...payerValues(p), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePayer(db: AppDb, id: number): Promise<boolean> {
  const result = await db.q.deleteFrom('payers').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

// ---- plans ----

export interface PlanRow extends Omit<PlanSummary, 'isSample'> {
  isSample: number;
  notes: string | null;
  updatedAt: string;
}

const selectPlans = (db: AppDb) =>
  db.q
    .selectFrom('plans as pl')
    .innerJoin('payers as py', 'py.id', 'pl.payer_id')
    .select([
      'pl.id',
      'pl.payer_id as payerId',
      'py.name as payerName',
      'pl.name',
      'pl.group_number as groupNumber',
      'pl.employer_name as employerName',
      'pl.plan_type as planType',
      'pl.notes',
      'pl.is_sample as isSample',
      'pl.updated_at as updatedAt',
    ])
    .$narrowType<{ planType: PlanSummary['planType'] }>();

export async function getPlanRow(db: AppDb, id: number): Promise<PlanRow | null> {
  return (await selectPlans(db).where('pl.id', '=', id).executeTakeFirst()) ?? null;
}

export async function listPlanSummaries(db: AppDb, payerId: number | null): Promise<PlanSummary[]> {
  let query = selectPlans(db);
  if (payerId !== null) query = query.where('pl.payer_id', '=', payerId);
  const rows = await query
    .orderBy(sql`lower(py.name)`)
    .orderBy(sql`lower(pl.name)`)
    .execute();
  return rows.map(({ notes: _n, updatedAt: _u, ...r }) => ({ ...r, isSample: r.isSample === 1 }));
}

export interface PlanWrite {
  payerId: number;
  name: string;
  groupNumber: string | null;
  employerName: string | null;
  planType: PlanSummary['planType'];
  notes: string | null;
}

const planValues = (p: PlanWrite) => ({
  payer_id: p.payerId,
  name: p.name,
  group_number: p.groupNumber,
  employer_name: p.employerName,
  plan_type: p.planType,
  notes: p.notes,
});

export async function insertPlan(db: AppDb, p: PlanWrite, isSample: boolean, now: string): Promise<number> {
  const row = await db.q
    .insertInto('plans')
    .values({ ...planValues(p), is_sample: isSample ? 1 : 0, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlan(db: AppDb, id: number, p: PlanWrite, now: string): Promise<boolean> {
  const result = await db.q
    .updateTable('plans')
    .set({ ...planValues(p), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deletePlan(db: AppDb, id: number): Promise<boolean> {
  const result = await db.q.deleteFrom('plans').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
