// The rows marked as sample data.
import type { AppDb } from '../appDb';

export async function countSample(db: AppDb): Promise<{ payers: number; plans: number }> {
  const count = async (table: 'payers' | 'plans') =>
    Number(
      (
        await db.q
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('is_sample', '=', 1)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { payers: await count('payers'), plans: await count('plans') };
}

export async function countRealCoveragesOnSamplePlans(db: AppDb): Promise<number> {
  const row = await db.q
    .selectFrom('coverages as c')
    .innerJoin('plans as p', 'p.id', 'c.plan_id')
    .innerJoin('patients as pt', 'pt.id', 'c.patient_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.is_sample', '=', 1)
    .where('pt.is_sample', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Deletes sample rows child-first. Run inside a transaction. */
export async function deleteSample(db: AppDb): Promise<void> {
  const samplePlans = db.q.selectFrom('plans').select('id').where('is_sample', '=', 1);
  // Statements first (the ledger lets only sample data take its statements with it), then the rows.
  await db.q
    .deleteFrom('observations')
    .where((eb) =>
      eb.or([
        eb('plan_id', 'in', samplePlans),
        eb('payer_id', 'in', eb.selectFrom('payers').select('id').where('is_sample', '=', 1)),
        eb(
          'coverage_id',
          'in',
          eb
            .selectFrom('coverages as c')
            .innerJoin('plans as p', 'p.id', 'c.plan_id')
            .select('c.id')
            .where('p.is_sample', '=', 1),
        ),
      ]),
    )
    .execute();
  await db.q.deleteFrom('coverages').where('plan_id', 'in', samplePlans).execute();
  await db.q.deleteFrom('plan_allowed_fees').where('plan_id', 'in', samplePlans).execute();
  await db.q.deleteFrom('plan_years').where('plan_id', 'in', samplePlans).execute();
  await db.q.deleteFrom('plans').where('is_sample', '=', 1).execute();
  await db.q.deleteFrom('payers').where('is_sample', '=', 1).execute();
}

/** A marker of one-time work done on this data (sample data loaded once): its version, 0 when never. */
export async function getDataMarker(db: AppDb, name: string): Promise<number> {
  const row = await db.q
    .selectFrom('seed_versions')
    .select('version')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.version ?? 0;
}

/** Records the marker unless it is there already; false when it was (the work is someone else's). */
export async function claimDataMarker(db: AppDb, name: string, version: number): Promise<boolean> {
  const result = await db.q
    .insertInto('seed_versions')
    .values({ name, version })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
