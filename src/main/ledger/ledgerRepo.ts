// SQL for the ledger: statements are inserted and read, never updated or deleted (triggers refuse both).
import type { Observation, Subject, SubjectKind } from '../../shared/ledger/ledgerTypes';
import type { AppDb } from '../db/appDb';

const SUBJECT_COLUMN = {
  payer: 'payer_id',
  plan: 'plan_id',
  coverage: 'coverage_id',
  patient: 'patient_id',
} as const satisfies Record<SubjectKind, string>;

const select = (db: AppDb) =>
  db.q
    .selectFrom('observations')
    .select([
      'uid',
      'payer_id',
      'plan_id',
      'coverage_id',
      'patient_id',
      'code',
      'field',
      'value_json',
      'observed_on',
      'recorded_at',
      'recorded_by',
      'workstation',
      'source',
      'call_id',
      'rep_name',
      'reference_number',
      'source_detail',
      'retracts_uid',
    ]);

type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function toObservation(r: Row): Observation {
  const subject: Subject =
    r.payer_id !== null
      ? { kind: 'payer', id: r.payer_id }
      : r.plan_id !== null
        ? { kind: 'plan', id: r.plan_id }
        : r.coverage_id !== null
          ? { kind: 'coverage', id: r.coverage_id }
          : { kind: 'patient', id: r.patient_id! };
  return {
    uid: r.uid,
    subject,
    code: r.code,
    field: r.field,
    value: JSON.parse(r.value_json) as unknown,
    observedOn: r.observed_on,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    workstation: r.workstation,
    source: r.source as Observation['source'],
    callId: r.call_id,
    repName: r.rep_name,
    referenceNumber: r.reference_number,
    sourceDetail: r.source_detail,
    retracts: r.retracts_uid,
  };
}

/** Every statement about a subject, in the order recorded. */
export async function listForSubject(db: AppDb, subject: Subject): Promise<Observation[]> {
  const rows = await select(db).where(SUBJECT_COLUMN[subject.kind], '=', subject.id).orderBy('id').execute();
  return rows.map(toObservation);
}

/** Every statement about one field (and code) of a subject, in the order recorded. */
export async function listForField(
  db: AppDb,
  subject: Subject,
  field: string,
  code: string,
): Promise<Observation[]> {
  const rows = await select(db)
    .where(SUBJECT_COLUMN[subject.kind], '=', subject.id)
    .where('field', '=', field)
    .where('code', '=', code)
    .orderBy('id')
    .execute();
  return rows.map(toObservation);
}

export async function listForCall(db: AppDb, callId: number): Promise<Observation[]> {
  return (await select(db).where('call_id', '=', callId).orderBy('id').execute()).map(toObservation);
}

export async function getByUid(db: AppDb, uid: string): Promise<Observation | null> {
  const row = await select(db).where('uid', '=', uid).executeTakeFirst();
  return row ? toObservation(row) : null;
}

/** Statements about payers and plans that are not sample data: what a policy pack carries. */
export async function listPlanKnowledge(db: AppDb): Promise<Observation[]> {
  const rows = await select(db)
    .where((eb) =>
      eb.or([
        eb('plan_id', 'in', eb.selectFrom('plans').select('id').where('is_sample', '=', 0)),
        eb('payer_id', 'in', eb.selectFrom('payers').select('id').where('is_sample', '=', 0)),
      ]),
    )
    .orderBy('id')
    .execute();
  return rows.map(toObservation);
}

export async function countForSubject(db: AppDb, subject: Subject): Promise<number> {
  const row = await db.q
    .selectFrom('observations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(SUBJECT_COLUMN[subject.kind], '=', subject.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertObservations(db: AppDb, list: readonly Observation[]): Promise<void> {
  for (const o of list) {
    await db.q
      .insertInto('observations')
      .values({
        uid: o.uid,
        payer_id: o.subject.kind === 'payer' ? o.subject.id : null,
        plan_id: o.subject.kind === 'plan' ? o.subject.id : null,
        coverage_id: o.subject.kind === 'coverage' ? o.subject.id : null,
        patient_id: o.subject.kind === 'patient' ? o.subject.id : null,
        code: o.code,
        field: o.field,
        value_json: JSON.stringify(o.value ?? null),
        observed_on: o.observedOn,
        recorded_at: o.recordedAt,
        recorded_by: o.recordedBy,
        workstation: o.workstation,
        source: o.source,
        call_id: o.callId,
        rep_name: o.repName,
        reference_number: o.referenceNumber,
        source_detail: o.sourceDetail,
        retracts_uid: o.retracts,
      })
      .execute();
  }
}
