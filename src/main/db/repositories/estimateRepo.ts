import type { EstimateRequest, EstimateView, SavedEstimate } from '../../../shared/estimate/estimateViews';
import type { GfeSnapshot } from '../../../shared/estimate/goodFaithEstimate';
import type { AppDb } from '../appDb';
import { nextId } from '../engine/ids';

export async function insertEstimate(
  db: AppDb,
  e: {
    patientId: number;
    createdAt: string;
    createdBy: string;
    validUntil: string;
    request: EstimateRequest;
    view: EstimateView;
  },
): Promise<number> {
  const row = await db.q
    .insertInto('estimates')
    .values({
      patient_id: e.patientId,
      created_at: e.createdAt,
      created_by: e.createdBy,
      valid_until: e.validUntil,
      request_json: JSON.stringify(e.request),
      view_json: JSON.stringify(e.view),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function getEstimate(db: AppDb, id: number): Promise<SavedEstimate | null> {
  const row = await db.q
    .selectFrom('estimates')
    .select([
      'id',
      'created_at as createdAt',
      'created_by as createdBy',
      'valid_until as validUntil',
      'request_json',
      'view_json',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    createdAt: row.createdAt,
    createdBy: row.createdBy,
    validUntil: row.validUntil,
    request: JSON.parse(row.request_json) as EstimateRequest,
    view: upgradeSnapshot(JSON.parse(row.view_json) as EstimateView),
  };
}

/**
 * Snapshots saved before lines carried their prior-authorization status read with none (the line's flags
 * still say what was known then); the stored snapshot itself is never changed.
 */
function upgradeSnapshot(view: EstimateView): EstimateView {
  return { ...view, lines: view.lines.map((l) => ({ ...l, priorAuth: l.priorAuth ?? [] })) };
}

/** Stores a GFE; its id goes into the snapshot, which is written once and never changed. */
export async function insertGoodFaithEstimate(
  db: AppDb,
  patientId: number,
  issuedAt: string,
  snapshot: Omit<GfeSnapshot, 'id'>,
): Promise<number> {
  const id = await nextId(db, 'good_faith_estimates');
  await db.q
    .insertInto('good_faith_estimates')
    .values({
      id,
      patient_id: patientId,
      issued_at: issuedAt,
      snapshot_json: JSON.stringify({ ...snapshot, id }),
    })
    .execute();
  return id;
}

export async function getGoodFaithEstimate(db: AppDb, id: number): Promise<GfeSnapshot | null> {
  const row = await db.q
    .selectFrom('good_faith_estimates')
    .select('snapshot_json')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (JSON.parse(row.snapshot_json) as GfeSnapshot) : null;
}
