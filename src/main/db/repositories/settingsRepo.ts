import type { AppDb } from '../appDb';

export async function readSettingsRows(db: AppDb): Promise<Array<{ key: string; value_json: string }>> {
  return db.q.selectFrom('settings').select(['key', 'value_json']).orderBy('key').execute();
}

export async function writeSetting(
  db: AppDb,
  key: string,
  valueJson: string,
  updatedAt: string,
): Promise<void> {
  await db.q
    .insertInto('settings')
    .values({ key, value_json: valueJson, updated_at: updatedAt })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        value_json: eb.ref('excluded.value_json'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}
