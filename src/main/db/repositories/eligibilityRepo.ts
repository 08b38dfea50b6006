// SQL for eligibility-file imports: the coverages a 271 member may be, and the files imported.
import type { Db } from '../connection';
import { stmt } from '../statements';

/** A coverage in force with who it belongs to and the plan and payer it is with. */
export interface CoverageCandidate {
  coverageId: number;
  memberId: string;
  subscriberName: string;
  subscriberDob: string | null;
  relationship: string;
  patientId: number;
  firstName: string;
  lastName: string;
  dob: string;
  planId: number;
  planName: string;
  planType: string;
  groupNumber: string | null;
  payerId: number;
  payerName: string;
  electronicPayerId: string | null;
  sendsInvertedCoinsurance: 'yes' | 'no' | 'unknown';
}

/** Coverages whose member ID is `memberId` once capitals, spaces and dashes are set aside. */
export function coveragesByMemberId(db: Db, normalizedMemberId: string): CoverageCandidate[] {
  return stmt(
    db,
    `SELECT c.id AS coverageId, c.member_id AS memberId, c.subscriber_name AS subscriberName,
       c.subscriber_dob AS subscriberDob, c.relationship, pt.id AS patientId, pt.first_name AS firstName,
       pt.last_name AS lastName, pt.dob, pl.id AS planId, pl.name AS planName, pl.plan_type AS planType,
       pl.group_number AS groupNumber, py.id AS payerId, py.name AS payerName,
       py.electronic_payer_id AS electronicPayerId, py.sends_inverted_coinsurance AS sendsInvertedCoinsurance
     FROM coverages c
       JOIN patients pt ON pt.id = c.patient_id
       JOIN plans pl ON pl.id = c.plan_id
       JOIN payers py ON py.id = pl.payer_id
     WHERE c.removed_at IS NULL AND upper(replace(replace(c.member_id, '-', ''), ' ', '')) = ?
     ORDER BY c.id`,
  ).all(normalizedMemberId) as CoverageCandidate[];
}

export function findImportedFile(db: Db, sha256: string): { importedAt: string; importedBy: string } | null {
  return (
    (stmt(
      db,
      'SELECT imported_at AS importedAt, imported_by AS importedBy FROM eligibility_files WHERE sha256 = ?',
    ).get(sha256) as { importedAt: string; importedBy: string } | undefined) ?? null
  );
}

export function insertImportedFile(
  db: Db,
  f: {
    sha256: string;
    fileName: string;
    payerName: string;
    payerId: string | null;
    responseDate: string;
    membersRecorded: number;
    statements: number;
    content: string;
    importedAt: string;
    importedBy: string;
  },
): number {
  return Number(
    stmt(
      db,
      `INSERT INTO eligibility_files (sha256, file_name, payer_name, payer_id, response_date, members_recorded,
         statements, content, imported_at, imported_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      f.sha256,
      f.fileName,
      f.payerName,
      f.payerId,
      f.responseDate,
      f.membersRecorded,
      f.statements,
      f.content,
      f.importedAt,
      f.importedBy,
    ).lastInsertRowid,
  );
}
