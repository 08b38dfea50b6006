// Per-code policies: one row per (plan, code), or per (payer, code) for a payer-wide default.
import type { PolicyValues } from '../../../shared/policy/policyTypes';
import type { Db } from '../connection';
import { stmt } from '../statements';
import type { ProvenanceMap } from './provenanceRepo';

interface PolicyRow {
  cdt_code: string;
  covered: PolicyValues['covered'];
  coverage_bp: number | null;
  category: PolicyValues['category'];
  frequency_json: string | null;
  age_limits_json: string | null;
  prior_auth: PolicyValues['priorAuth'];
  pa_method: PolicyValues['paMethod'];
  pa_contact: string | null;
  pa_turnaround_days: number | null;
  pa_validity_days: number | null;
  pa_attachments_json: string | null;
  medical_first: PolicyValues['medicalFirst'];
  alternate_code: string | null;
  bundling_notes: string | null;
  notes: string | null;
  provenance_json: string;
}

export interface StoredPolicy {
  code: string;
  values: PolicyValues;
  provenance: ProvenanceMap;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function toStored(row: PolicyRow): StoredPolicy {
  return {
    code: row.cdt_code,
    values: {
      covered: row.covered,
      coverageBp: row.coverage_bp,
      category: row.category,
      frequency: json(row.frequency_json),
      ageLimits: json(row.age_limits_json),
      priorAuth: row.prior_auth,
      paMethod: row.pa_method,
      paContact: row.pa_contact,
      paTurnaroundDays: row.pa_turnaround_days,
      paValidityDays: row.pa_validity_days,
      paAttachments: json(row.pa_attachments_json),
      medicalFirst: row.medical_first,
      alternateCode: row.alternate_code,
      bundlingNotes: row.bundling_notes,
      notes: row.notes,
    },
    provenance: JSON.parse(row.provenance_json) as ProvenanceMap,
  };
}

/** The plan's own policies, by code. */
export function listPlanPolicies(db: Db, planId: number): Map<string, StoredPolicy> {
  const rows = stmt(db, 'SELECT * FROM code_policies WHERE plan_id = ?').all(planId) as PolicyRow[];
  return new Map(rows.map((r) => [r.cdt_code, toStored(r)]));
}

/** The payer-wide defaults, by code. */
export function listPayerDefaults(db: Db, payerId: number): Map<string, StoredPolicy> {
  const rows = stmt(db, 'SELECT * FROM code_policies WHERE payer_id = ? AND plan_id IS NULL').all(
    payerId,
  ) as PolicyRow[];
  return new Map(rows.map((r) => [r.cdt_code, toStored(r)]));
}

export function getPolicy(db: Db, payerId: number, planId: number | null, code: string): StoredPolicy | null {
  const row = (
    planId === null
      ? stmt(db, 'SELECT * FROM code_policies WHERE payer_id = ? AND plan_id IS NULL AND cdt_code = ?').get(
          payerId,
          code,
        )
      : stmt(db, 'SELECT * FROM code_policies WHERE plan_id = ? AND cdt_code = ?').get(planId, code)
  ) as PolicyRow | undefined;
  return row ? toStored(row) : null;
}

export function upsertPolicy(
  db: Db,
  payerId: number,
  planId: number | null,
  policy: StoredPolicy,
  now: string,
): void {
  const v = policy.values;
  const values = [
    v.covered,
    v.coverageBp,
    v.category,
    v.frequency === null ? null : JSON.stringify(v.frequency),
    v.ageLimits === null ? null : JSON.stringify(v.ageLimits),
    v.priorAuth,
    v.paMethod,
    v.paContact,
    v.paTurnaroundDays,
    v.paValidityDays,
    v.paAttachments === null ? null : JSON.stringify(v.paAttachments),
    v.medicalFirst,
    v.alternateCode,
    v.bundlingNotes,
    v.notes,
    JSON.stringify(policy.provenance),
    now,
  ];
  const updated = stmt(
    db,
    `UPDATE code_policies SET covered = ?, coverage_bp = ?, category = ?, frequency_json = ?, age_limits_json = ?,
       prior_auth = ?, pa_method = ?, pa_contact = ?, pa_turnaround_days = ?, pa_validity_days = ?,
       pa_attachments_json = ?, medical_first = ?, alternate_code = ?, bundling_notes = ?, notes = ?,
       provenance_json = ?, updated_at = ?
     WHERE payer_id = ? AND plan_id IS ? AND cdt_code = ?`,
  ).run(...values, payerId, planId, policy.code);
  if (updated.changes === 0) {
    stmt(
      db,
      `INSERT INTO code_policies (covered, coverage_bp, category, frequency_json, age_limits_json, prior_auth, pa_method,
         pa_contact, pa_turnaround_days, pa_validity_days, pa_attachments_json, medical_first, alternate_code,
         bundling_notes, notes, provenance_json, updated_at, payer_id, plan_id, cdt_code)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values, payerId, planId, policy.code);
  }
}

export function countPlanPolicies(db: Db, planId: number): number {
  return (stmt(db, 'SELECT count(*) AS n FROM code_policies WHERE plan_id = ?').get(planId) as { n: number })
    .n;
}

export function deletePayerDefaults(db: Db, payerId: number): void {
  stmt(db, 'DELETE FROM code_policies WHERE payer_id = ? AND plan_id IS NULL').run(payerId);
}

export function deletePlanPolicies(db: Db, planId: number): void {
  stmt(db, 'DELETE FROM code_policies WHERE plan_id = ?').run(planId);
}
