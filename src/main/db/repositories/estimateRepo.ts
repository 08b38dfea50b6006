import type { EstimateRequest, EstimateView, SavedEstimate } from '../../../shared/estimate/estimateViews';
import type { GfeSnapshot } from '../../../shared/estimate/goodFaithEstimate';
import type { Db } from '../connection';
import { stmt } from '../statements';

export function insertEstimate(
  db: Db,
  e: {
    patientId: number;
    createdAt: string;
    createdBy: string;
    validUntil: string;
    request: EstimateRequest;
    view: EstimateView;
  },
): number {
  return Number(
    stmt(
      db,
      'INSERT INTO estimates (patient_id, created_at, created_by, valid_until, request_json, view_json) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      e.patientId,
      e.createdAt,
      e.createdBy,
      e.validUntil,
      JSON.stringify(e.request),
      JSON.stringify(e.view),
    ).lastInsertRowid,
  );
}

export function getEstimate(db: Db, id: number): SavedEstimate | null {
  const row = stmt(
    db,
    'SELECT id, created_at AS createdAt, created_by AS createdBy, valid_until AS validUntil, request_json, view_json FROM estimates WHERE id = ?',
  ).get(id) as
    | {
        id: number;
        createdAt: string;
        createdBy: string;
        validUntil: string;
        request_json: string;
        view_json: string;
      }
    | undefined;
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

/** Stores a GFE; its id goes into the snapshot in the same transaction. */
export function insertGoodFaithEstimate(
  db: Db,
  patientId: number,
  issuedAt: string,
  snapshot: Omit<GfeSnapshot, 'id'>,
): number {
  const nextId = (
    stmt(db, 'SELECT coalesce(max(id), 0) + 1 AS id FROM good_faith_estimates').get() as { id: number }
  ).id;
  stmt(
    db,
    'INSERT INTO good_faith_estimates (id, patient_id, issued_at, snapshot_json) VALUES (?, ?, ?, ?)',
  ).run(nextId, patientId, issuedAt, JSON.stringify({ ...snapshot, id: nextId }));
  return nextId;
}

export function getGoodFaithEstimate(db: Db, id: number): GfeSnapshot | null {
  const row = stmt(db, 'SELECT snapshot_json FROM good_faith_estimates WHERE id = ?').get(id) as
    { snapshot_json: string } | undefined;
  return row ? (JSON.parse(row.snapshot_json) as GfeSnapshot) : null;
}
