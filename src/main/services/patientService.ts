// Patients, their coverages and imaging history. Maximum used and deductible met carry the date the
// payer stated them and go stale after the eligibility window.
import { daysBetween } from '../../shared/dates/calendar';
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import { comparePatients, matchesPatient, parsePatientQuery } from '../../shared/patients/patientSearch';
import type {
  Coverage,
  CoverageInput,
  FieldView,
  Patient,
  PatientInput,
  PatientSummary,
  ServiceRecord,
} from '../../shared/policy/policyViews';
import type { Db } from '../db/connection';
import * as patients from '../db/repositories/patientRepo';
import { getPlanRow, listPlanSummaries } from '../db/repositories/payerRepo';
import { getProvenances, insertProvenance, type ProvenanceMap } from '../db/repositories/provenanceRepo';

export interface PatientServiceDeps {
  db: Db;
  now: () => Date;
  actor: () => string;
  /** Days after which eligibility answers (maximum used, deductible met) are stale. */
  staleAfterDays: () => number;
}

export function createPatientService({ db, now, actor, staleAfterDays }: PatientServiceDeps) {
  const stamp = () => now().toISOString();

  /** Stated amounts: stale when the statement date is older than the eligibility window. */
  function statedView(
    value: number | null,
    statedOn: string | null,
    map: ProvenanceMap,
    field: string,
  ): FieldView {
    const provenance = map[field] ? (getProvenances(db, [map[field]]).get(map[field]) ?? null) : null;
    if (value === null) return { value: null, status: 'unknown', provenance, inherited: false };
    const age = statedOn === null ? Number.POSITIVE_INFINITY : daysBetween(statedOn, localDate(now()));
    return { value, status: age > staleAfterDays() ? 'stale' : 'known', provenance, inherited: false };
  }

  function toCoverage(row: patients.CoverageRow): Coverage {
    const plan = getPlanRow(db, row.planId)!;
    const map = JSON.parse(row.provenanceJson) as ProvenanceMap;
    return {
      id: row.id,
      patientId: row.patientId,
      plan: listPlanSummaries(db, plan.payerId).find((p) => p.id === plan.id)!,
      ordinal: row.ordinal,
      memberId: row.memberId,
      subscriberName: row.subscriberName,
      subscriberDob: row.subscriberDob,
      relationship: row.relationship,
      effectiveDate: row.effectiveDate,
      terminationDate: row.terminationDate,
      maxUsed: statedView(row.maxUsedCents, row.maxUsedStatedOn, map, 'maxUsedCents'),
      maxUsedStatedOn: row.maxUsedStatedOn,
      deductibleMet: statedView(row.deductibleMetCents, row.deductibleMetStatedOn, map, 'deductibleMetCents'),
      deductibleMetStatedOn: row.deductibleMetStatedOn,
    };
  }

  function get(id: number): Patient {
    const row = patients.getPatientRow(db, id);
    if (!row) throw new AppError('not_found', 'That patient record no longer exists.');
    return {
      ...row,
      coverages: patients.listCoverageRows(db, id).map(toCoverage),
      serviceHistory: patients.listServiceHistory(db, id),
    };
  }

  function assertDobNotFuture(dob: string, field: string): void {
    if (dob > localDate(now()))
      throw new AppError('validation', 'A date of birth cannot be in the future.', field);
  }

  return {
    /** Up to 50 matches (patientSearch.ts); the most recently changed patients when nothing is typed. */
    search(query: string): PatientSummary[] {
      if (query.trim() === '') return patients.recentPatients(db, 50);
      // Something typed that holds no name, date or ID (a stray "%") matches nobody, not everybody.
      const parsed = parsePatientQuery(query, localDate(now()));
      if (parsed.terms.length === 0) return [];
      // A birth date typed on its own narrows the read to that day (a number that may be a member ID does not).
      const dob = parsed.terms.find((t) => t.kind === 'date' && t.digits === null);
      return patients
        .listSearchRows(db, dob?.kind === 'date' ? dob.iso : null)
        .filter((p) => matchesPatient(p, parsed))
        .sort(comparePatients(parsed))
        .slice(0, 50)
        .map(({ memberIds: _ids, ...summary }) => summary);
    },

    get,

    save(id: number | null, input: PatientInput): Patient {
      assertDobNotFuture(input.dob, 'dob');
      const savedId = db.transaction(() => {
        if (id === null) return patients.insertPatient(db, input, false, stamp());
        if (!patients.updatePatient(db, id, input, stamp())) {
          throw new AppError('not_found', 'That patient record no longer exists.');
        }
        return id;
      })();
      return get(savedId);
    },

    saveCoverage(id: number | null, input: CoverageInput): Patient {
      if (!patients.getPatientRow(db, input.patientId))
        throw new AppError('not_found', 'That patient record no longer exists.');
      if (!getPlanRow(db, input.planId))
        throw new AppError('validation', 'Choose a plan that exists.', 'planId');
      if (input.subscriberDob) assertDobNotFuture(input.subscriberDob, 'subscriberDob');
      const existing = id === null ? null : patients.getCoverageRow(db, id);
      if (id !== null && !existing) throw new AppError('not_found', 'That coverage no longer exists.');
      const clash = patients
        .listCoverageRows(db, input.patientId)
        .find((c) => c.ordinal === input.ordinal && c.id !== id);
      if (clash) {
        throw new AppError(
          'conflict',
          `This patient already has a ${input.ordinal === 1 ? 'primary' : 'secondary'} coverage. Change that one first.`,
          'ordinal',
        );
      }
      db.transaction(() => {
        let map = existing ? (JSON.parse(existing.provenanceJson) as ProvenanceMap) : {};
        const changed = (['maxUsedCents', 'deductibleMetCents'] as const).filter(
          (f) => input[f] !== null && (existing === null || existing[f] !== input[f]),
        );
        if (changed.length > 0) {
          const provenanceId = insertProvenance(
            db,
            { source: 'manual', callId: null, repName: null, referenceNumber: null },
            actor(),
            stamp(),
          );
          map = { ...map, ...Object.fromEntries(changed.map((f) => [f, provenanceId])) };
        }
        patients.upsertCoverage(db, id, input, JSON.stringify(map), stamp());
      })();
      return get(input.patientId);
    },

    deleteCoverage(id: number): Patient {
      const row = patients.getCoverageRow(db, id);
      if (!row) throw new AppError('not_found', 'That coverage no longer exists.');
      patients.deleteCoverage(db, id);
      return get(row.patientId);
    },

    addService(record: Omit<ServiceRecord, 'id'> & { patientId: number }): Patient {
      const patient = patients.getPatientRow(db, record.patientId);
      if (!patient) throw new AppError('not_found', 'That patient record no longer exists.');
      if (record.serviceDate > localDate(now())) {
        throw new AppError('validation', 'A past service cannot have a future date.', 'serviceDate');
      }
      if (record.serviceDate < patient.dob) {
        throw new AppError('validation', 'The service date is before the date of birth.', 'serviceDate');
      }
      patients.insertServiceRecord(db, record, stamp());
      return get(record.patientId);
    },

    deleteService(patientId: number, id: number): Patient {
      if (!patients.deleteServiceRecord(db, patientId, id)) {
        throw new AppError('not_found', 'That service record no longer exists.');
      }
      return get(patientId);
    },
  };
}

export type PatientService = ReturnType<typeof createPatientService>;
