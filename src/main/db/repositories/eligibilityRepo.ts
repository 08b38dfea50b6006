// SQL for eligibility-file imports: the coverages a 271 member may be, and the files imported.
import { sql } from 'kysely';
import type { AppDb } from '../appDb';

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
export async function coveragesByMemberId(
  db: AppDb,
  normalizedMemberId: string,
): Promise<CoverageCandidate[]> {
  // The expression the index coverages_by_member_id is on, exactly (both engines).
  const { rows } = await sql<CoverageCandidate>`
    SELECT c.id AS "coverageId", c.member_id AS "memberId", c.subscriber_name AS "subscriberName",
      c.subscriber_dob AS "subscriberDob", c.relationship, pt.id AS "patientId", pt.first_name AS "firstName",
      pt.last_name AS "lastName", pt.dob, pl.id AS "planId", pl.name AS "planName", pl.plan_type AS "planType",
      pl.group_number AS "groupNumber", py.id AS "payerId", py.name AS "payerName",
      py.electronic_payer_id AS "electronicPayerId", py.sends_inverted_coinsurance AS "sendsInvertedCoinsurance"
    FROM coverages c
      JOIN patients pt ON pt.id = c.patient_id
      JOIN plans pl ON pl.id = c.plan_id
      JOIN payers py ON py.id = pl.payer_id
    WHERE c.removed_at IS NULL AND upper(replace(replace(c.member_id, '-', ''), ' ', '')) = ${normalizedMemberId}
    ORDER BY c.id`.execute(db.q);
  return rows;
}

export async function findImportedFile(
  db: AppDb,
  sha256: string,
): Promise<{ importedAt: string; importedBy: string } | null> {
  return (
    (await db.q
      .selectFrom('eligibility_files')
      .select(['imported_at as importedAt', 'imported_by as importedBy'])
      .where('sha256', '=', sha256)
      .executeTakeFirst()) ?? null
  );
}

export async function insertImportedFile(
  db: AppDb,
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
): Promise<number> {
  const row = await db.q
    .insertInto('eligibility_files')
    .values({
      sha256: f.sha256,
      file_name: f.fileName,
      payer_name: f.payerName,
      payer_id: f.payerId,
      response_date: f.responseDate,
      members_recorded: f.membersRecorded,
      statements: f.statements,
      content: f.content,
      imported_at: f.importedAt,
      imported_by: f.importedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
