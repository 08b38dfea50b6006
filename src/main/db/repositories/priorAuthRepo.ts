// SQL for prior-authorization items and their append-only history.
import { sql } from 'kysely';
import type { PaStatus, PriorAuthPatch } from '../../../shared/priorAuth/priorAuthViews';
import type { AppDb } from '../appDb';

export interface PriorAuthRow extends PriorAuthPatch {
  id: number;
  callId: number;
  patientName: string;
  patientDob: string;
  payerId: number;
  payerName: string;
  payerPaPhone: string | null;
  payerPortalUrl: string | null;
  code: string;
  serviceDate: string;
  updatedAt: string;
  /** Bumped on every change: an edit made from an older copy is refused (priorAuthService). */
  version: number;
  updatedBy: string | null;
}

const select = (db: AppDb) =>
  db.q
    .selectFrom('prior_auths as pa')
    .innerJoin('patients as pt', 'pt.id', 'pa.patient_id')
    .innerJoin('plans as pl', 'pl.id', 'pa.plan_id')
    .innerJoin('payers as py', 'py.id', 'pl.payer_id')
    .select([
      'pa.id',
      'pa.call_id as callId',
      sql<string>`pt.first_name || ' ' || pt.last_name`.as('patientName'),
      'pt.dob as patientDob',
      'py.id as payerId',
      'py.name as payerName',
      'py.phone_prior_auth as payerPaPhone',
      'py.portal_url as payerPortalUrl',
      'pa.code',
      'pa.service_date as serviceDate',
      'pa.status',
      'pa.method',
      'pa.contact',
      'pa.attachments',
      'pa.submitted_on as submittedOn',
      'pa.decision_expected_on as decisionExpectedOn',
      'pa.auth_number as authNumber',
      'pa.approved_units as approvedUnits',
      'pa.valid_from as validFrom',
      'pa.valid_to as validTo',
      'pa.updated_at as updatedAt',
      'pa.version',
      'pa.updated_by as updatedBy',
    ])
    .$narrowType<{ status: PaStatus }>();

export async function insertPriorAuth(
  db: AppDb,
  p: {
    callId: number;
    patientId: number;
    planId: number;
    code: string;
    serviceDate: string;
    method: string | null;
    contact: string | null;
    attachments: string | null;
    now: string;
    byUser: string;
  },
): Promise<number> {
  const { id } = await db.q
    .insertInto('prior_auths')
    .values({
      call_id: p.callId,
      patient_id: p.patientId,
      plan_id: p.planId,
      code: p.code,
      service_date: p.serviceDate,
      status: 'to_submit',
      method: p.method,
      contact: p.contact,
      attachments: p.attachments,
      created_at: p.now,
      updated_at: p.now,
      updated_by: p.byUser,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertEvent(
    db,
    id,
    p.now,
    p.byUser,
    'to_submit',
    `Created from call #${p.callId}, which found prior authorization required.`,
  );
  return id;
}

/**
 * The item already tracking this request: same patient, plan, code and appointment, not denied or
 * expired. A second call that finds the same requirement adds to its history instead of a second item.
 */
export async function findLivePriorAuth(
  db: AppDb,
  p: { patientId: number; planId: number; code: string; serviceDate: string },
): Promise<{ id: number; status: PaStatus } | null> {
  const found = await db.q
    .selectFrom('prior_auths')
    .select(['id', 'status'])
    .where('patient_id', '=', p.patientId)
    .where('plan_id', '=', p.planId)
    .where('code', '=', p.code)
    .where('service_date', '=', p.serviceDate)
    .where('status', 'not in', ['denied', 'expired'])
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return found ? { id: found.id, status: found.status as PaStatus } : null;
}

export async function getPriorAuth(db: AppDb, id: number): Promise<PriorAuthRow | null> {
  return (await select(db).where('pa.id', '=', id).executeTakeFirst()) ?? null;
}

/** Open items (and decided ones still ahead of their appointment), soonest appointment first. */
export async function listWorklist(db: AppDb, today: string, limit: number): Promise<PriorAuthRow[]> {
  // Two index ranges on (status, service_date): every undecided item, and approvals still ahead. Old
  // approvals and closed items, the bulk of a long-used store, are never read.
  return select(db)
    .where('pa.id', 'in', (eb) =>
      eb
        .selectFrom('prior_auths')
        .select('id')
        .where('status', 'in', ['to_submit', 'submitted', 'more_info', 'appeal'])
        .unionAll(
          eb
            .selectFrom('prior_auths')
            .select('id')
            .where('status', '=', 'approved')
            .where('service_date', '>=', today),
        ),
    )
    .orderBy('pa.service_date')
    .orderBy('pa.id')
    .limit(limit)
    .execute();
}

/** A patient's requests on one plan, newest first: what the estimate reads. */
export async function listForPatientPlan(
  db: AppDb,
  patientId: number,
  planId: number,
): Promise<PriorAuthRow[]> {
  return select(db)
    .where('pa.patient_id', '=', patientId)
    .where('pa.plan_id', '=', planId)
    .orderBy('pa.updated_at', 'desc')
    .orderBy('pa.id', 'desc')
    .execute();
}

/**
 * Writes the item only if it is still at `expectedVersion`; false when someone else changed it first
 * (their change stays, and the caller says who made it).
 */
export async function updatePriorAuth(
  db: AppDb,
  id: number,
  patch: PriorAuthPatch,
  now: string,
  by: string,
  expectedVersion: number,
): Promise<boolean> {
  const result = await db.q
    .updateTable('prior_auths')
    .set((eb) => ({
      status: patch.status,
      method: patch.method,
      contact: patch.contact,
      attachments: patch.attachments,
      submitted_on: patch.submittedOn,
      decision_expected_on: patch.decisionExpectedOn,
      auth_number: patch.authNumber,
      approved_units: patch.approvedUnits,
      valid_from: patch.validFrom,
      valid_to: patch.validTo,
      updated_at: now,
      updated_by: by,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertEvent(
  db: AppDb,
  id: number,
  at: string,
  byUser: string,
  status: PaStatus,
  note: string | null,
): Promise<void> {
  await db.q
    .insertInto('prior_auth_events')
    .values({ prior_auth_id: id, at, by_user: byUser, status, note })
    .execute();
}

export async function listEvents(
  db: AppDb,
  id: number,
): Promise<{ at: string; byUser: string; status: PaStatus; note: string | null }[]> {
  const found = await db.q
    .selectFrom('prior_auth_events')
    .select(['at', 'by_user as byUser', 'status', 'note'])
    .where('prior_auth_id', '=', id)
    .orderBy('id')
    .execute();
  return found.map((e) => ({ ...e, status: e.status as PaStatus }));
}
