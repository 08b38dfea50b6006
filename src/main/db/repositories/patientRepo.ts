import { sql } from 'kysely';
import type { CoverageInput, PatientInput, PatientSummary } from '../../../shared/policy/policyViews';
import type { AppDb } from '../appDb';
import { groupConcat } from '../dialect';

const selectSummary = (db: AppDb) =>
  db.q
    .selectFrom('patients')
    .select([
      'id',
      'first_name as firstName',
      'last_name as lastName',
      'dob',
      'preferred_language as preferredLanguage',
      'is_sample as isSample',
    ]);

type SummaryRow = Omit<PatientSummary, 'isSample' | 'preferredLanguage'> & {
  isSample: number;
  preferredLanguage: string;
};
const toSummary = (r: SummaryRow): PatientSummary => ({
  ...r,
  preferredLanguage: r.preferredLanguage as PatientSummary['preferredLanguage'],
  isSample: r.isSample === 1,
});

/** The most recently changed patients, for the list before anything is typed. */
export async function recentPatients(db: AppDb, limit: number): Promise<PatientSummary[]> {
  const rows = await selectSummary(db).orderBy('updated_at', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}

/**
 * Every patient with the member IDs on file, for matching in patientSearch.ts (accent-free name words are
 * not something SQL can compare on both engines). With `dob`, only patients born that day.
 */
export async function listSearchRows(
  db: AppDb,
  dob: string | null,
): Promise<Array<PatientSummary & { memberIds: string[] }>> {
  let query = selectSummary(db).select((eb) =>
    eb
      .selectFrom('coverages as c')
      .select(groupConcat(db, sql`c.member_id`, ' ').as('m'))
      .whereRef('c.patient_id', '=', 'patients.id')
      .as('memberIds'),
  );
  if (dob !== null) query = query.where('dob', '=', dob);
  const rows = await query.execute();
  return rows.map(({ memberIds, ...r }) => ({
    ...toSummary(r),
    memberIds: memberIds ? String(memberIds).split(' ') : [],
  }));
}

export async function getPatientRow(
  db: AppDb,
  id: number,
): Promise<(PatientSummary & { phone: string | null }) | null> {
  const row = await selectSummary(db).select('phone').where('id', '=', id).executeTakeFirst();
  return row ? { ...toSummary(row), phone: row.phone } : null;
}

export async function insertPatient(
  db: AppDb,
  p: PatientInput,
  isSample: boolean,
  now: string,
): Promise<number> {
  const row = await db.q
    .insertInto('patients')
    .values({
      first_name: p.firstName,
      last_name: p.lastName,
      dob: p.dob,
      preferred_language: p.preferredLanguage,
      phone: p.phone,
      is_sample: isSample ? 1 : 0,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePatient(db: AppDb, id: number, p: PatientInput, now: string): Promise<boolean> {
  const result = await db.q
    .updateTable('patients')
    .set({
      first_name: p.firstName,
      last_name: p.lastName,
      dob: p.dob,
      preferred_language: p.preferredLanguage,
      phone: p.phone,
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Who the member is; what the payer said about the coverage is in the ledger. */
export interface CoverageRow {
  id: number;
  patientId: number;
  planId: number;
  ordinal: 1 | 2;
  memberId: string;
  subscriberName: string;
  subscriberDob: string | null;
  relationship: CoverageInput['relationship'];
}

export type CoverageIdentity = Omit<CoverageRow, 'id'>;

const selectCoverage = (db: AppDb) =>
  db.q
    .selectFrom('coverages')
    .select([
      'id',
      'patient_id as patientId',
      'plan_id as planId',
      'ordinal',
      'member_id as memberId',
      'subscriber_name as subscriberName',
      'subscriber_dob as subscriberDob',
      'relationship',
    ])
    .$narrowType<{ ordinal: 1 | 2; relationship: CoverageInput['relationship'] }>();

/** The patient's coverages in force (removed ones are kept, with their history, but not listed). */
export async function listCoverageRows(db: AppDb, patientId: number): Promise<CoverageRow[]> {
  return selectCoverage(db)
    .where('patient_id', '=', patientId)
    .where('removed_at', 'is', null)
    .orderBy('ordinal')
    .execute();
}

export async function getCoverageRow(db: AppDb, id: number): Promise<CoverageRow | null> {
  return (
    (await selectCoverage(db).where('id', '=', id).where('removed_at', 'is', null).executeTakeFirst()) ?? null
  );
}

export async function upsertCoverage(
  db: AppDb,
  id: number | null,
  c: CoverageIdentity,
  now: string,
): Promise<number> {
  const values = {
    patient_id: c.patientId,
    plan_id: c.planId,
    ordinal: c.ordinal,
    member_id: c.memberId,
    subscriber_name: c.subscriberName,
    subscriber_dob: c.subscriberDob,
    relationship: c.relationship,
    updated_at: now,
  };
  if (id !== null) {
    await db.q.updateTable('coverages').set(values).where('id', '=', id).execute();
    return id;
  }
  const row = await db.q.insertInto('coverages').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Takes a coverage off the patient; the row and everything said about it stay for the record. */
export async function removeCoverage(db: AppDb, id: number, by: string, now: string): Promise<boolean> {
  const result = await db.q
    .updateTable('coverages')
    .set({ removed_at: now, removed_by: by, updated_at: now })
    .where('id', '=', id)
    .where('removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function countCoveragesForPlan(db: AppDb, planId: number): Promise<number> {
  const row = await db.q
    .selectFrom('coverages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId)
    .where('removed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
