import type { Provenance } from '../../../shared/policy/policyTypes';
import type { ProvenanceInput } from '../../../shared/policy/policyViews';
import type { Db } from '../connection';
import { stmt } from '../statements';

export type { ProvenanceInput };

/** Field name -> provenance id, as stored in a row's provenance_json. */
export type ProvenanceMap = Record<string, number>;

export function insertProvenance(
  db: Db,
  input: ProvenanceInput,
  recordedBy: string,
  recordedAt: string,
): number {
  const result = stmt(
    db,
    `INSERT INTO provenance (source, recorded_by, recorded_at, call_id, rep_name, reference_number)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(input.source, recordedBy, recordedAt, input.callId, input.repName, input.referenceNumber);
  return Number(result.lastInsertRowid);
}

export function getProvenances(db: Db, ids: Iterable<number>): Map<number, Provenance> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = stmt(
    db,
    `SELECT id, source, recorded_by AS recordedBy, recorded_at AS recordedAt, call_id AS callId,
       rep_name AS repName, reference_number AS referenceNumber
     FROM provenance WHERE id IN (SELECT value FROM json_each(?))`,
  ).all(JSON.stringify(list)) as Provenance[];
  return new Map(rows.map((r) => [r.id, r]));
}
