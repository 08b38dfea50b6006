// SQL for prior-authorization items and their append-only history.
import type { PaStatus, PriorAuthPatch } from '../../../shared/priorAuth/priorAuthViews';
import type { Db } from '../connection';
import { stmt } from '../statements';

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
}

const SELECT = `SELECT pa.id, pa.call_id AS callId, pt.first_name || ' ' || pt.last_name AS patientName,
    pt.dob AS patientDob, py.id AS payerId, py.name AS payerName, py.phone_prior_auth AS payerPaPhone,
    py.portal_url AS payerPortalUrl, pa.code, pa.service_date AS serviceDate, pa.status, pa.method, pa.contact,
    pa.attachments, pa.submitted_on AS submittedOn, pa.decision_expected_on AS decisionExpectedOn,
    pa.auth_number AS authNumber, pa.approved_units AS approvedUnits, pa.valid_from AS validFrom,
    pa.valid_to AS validTo, pa.updated_at AS updatedAt
  FROM prior_auths pa JOIN patients pt ON pt.id = pa.patient_id JOIN plans pl ON pl.id = pa.plan_id
    JOIN payers py ON py.id = pl.payer_id`;

export function insertPriorAuth(
  db: Db,
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
): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO prior_auths (call_id, patient_id, plan_id, code, service_date, status, method, contact, attachments,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'to_submit', ?, ?, ?, ?, ?)`,
    ).run(
      p.callId,
      p.patientId,
      p.planId,
      p.code,
      p.serviceDate,
      p.method,
      p.contact,
      p.attachments,
      p.now,
      p.now,
    ).lastInsertRowid,
  );
  insertEvent(db, id, p.now, p.byUser, 'to_submit', 'Created from the verification call.');
  return id;
}

export function getPriorAuth(db: Db, id: number): PriorAuthRow | null {
  return (stmt(db, `${SELECT} WHERE pa.id = ?`).get(id) as PriorAuthRow | undefined) ?? null;
}

/** Open items (and decided ones still ahead of their appointment), soonest appointment first. */
export function listWorklist(db: Db, today: string, limit: number): PriorAuthRow[] {
  return stmt(
    db,
    // Two index ranges on (status, service_date): every undecided item, and approvals still ahead. Old
    // approvals and closed items, the bulk of a long-used store, are never read.
    `${SELECT} WHERE pa.id IN (
       SELECT id FROM prior_auths WHERE status IN ('to_submit', 'submitted', 'more_info', 'appeal')
       UNION ALL
       SELECT id FROM prior_auths WHERE status = 'approved' AND service_date >= ?)
     ORDER BY pa.service_date, pa.id LIMIT ?`,
  ).all(today, limit) as PriorAuthRow[];
}

/** A patient's requests on one plan, newest first: what the estimate reads. */
export function listForPatientPlan(db: Db, patientId: number, planId: number): PriorAuthRow[] {
  return stmt(
    db,
    `${SELECT} WHERE pa.patient_id = ? AND pa.plan_id = ? ORDER BY pa.updated_at DESC, pa.id DESC`,
  ).all(patientId, planId) as PriorAuthRow[];
}

export function updatePriorAuth(db: Db, id: number, patch: PriorAuthPatch, now: string): void {
  stmt(
    db,
    `UPDATE prior_auths SET status = ?, method = ?, contact = ?, attachments = ?, submitted_on = ?,
       decision_expected_on = ?, auth_number = ?, approved_units = ?, valid_from = ?, valid_to = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    patch.status,
    patch.method,
    patch.contact,
    patch.attachments,
    patch.submittedOn,
    patch.decisionExpectedOn,
    patch.authNumber,
    patch.approvedUnits,
    patch.validFrom,
    patch.validTo,
    now,
    id,
  );
}

export function insertEvent(
  db: Db,
  id: number,
  at: string,
  byUser: string,
  status: PaStatus,
  note: string | null,
): void {
  stmt(
    db,
    'INSERT INTO prior_auth_events (prior_auth_id, at, by_user, status, note) VALUES (?, ?, ?, ?, ?)',
  ).run(id, at, byUser, status, note);
}
