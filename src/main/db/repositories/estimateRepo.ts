import type { EstimateRequest, EstimateView, SavedEstimate } from '../../../shared/estimate/estimateViews';
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
    view: JSON.parse(row.view_json) as EstimateView,
  };
}
