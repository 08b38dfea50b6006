// Patients, their coverages and earlier services. Who the member is (member ID, subscriber) is kept on the
// coverage; what the payer said about it (dates, maximum used or left, deductible met) and the earlier
// services are statements in the ledger, with the day they were stated, stale after the eligibility window.
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import { comparePatients, matchesPatient, parsePatientQuery } from '../../shared/patients/patientSearch';
import { sameValue } from '../../shared/ledger/derive';
import { SERVICE_FIELD, type CoverageField } from '../../shared/ledger/fields';
import type {
  Coverage,
  CoverageInput,
  Patient,
  PatientInput,
  PatientSummary,
  ServiceRecord,
} from '../../shared/policy/policyViews';
import type { AppDb } from '../db/appDb';
import * as patients from '../db/repositories/patientRepo';
import { getPlanRow, listPlanSummaries } from '../db/repositories/payerRepo';
import type { Ledger, Statement } from '../ledger/ledger';
import { readCoverageKnowledge, readServiceHistory, toFieldView } from '../ledger/knowledge';

export interface PatientServiceDeps {
  db: AppDb;
  now: () => Date;
  actor: () => string;
  ledger: Ledger;
}

export function createPatientService({ db, now, actor, ledger }: PatientServiceDeps) {
  const stamp = () => now().toISOString();

  async function toCoverage(row: patients.CoverageRow): Promise<Coverage> {
    const plan = (await getPlanRow(db, row.planId))!;
    const known = await readCoverageKnowledge(ledger, row.id);
    const view = (field: CoverageField) => toFieldView(known.field(field));
    return {
      id: row.id,
      patientId: row.patientId,
      plan: (await listPlanSummaries(db, plan.payerId)).find((p) => p.id === plan.id)!,
      ordinal: row.ordinal,
      memberId: row.memberId,
      subscriberName: row.subscriberName,
      subscriberDob: row.subscriberDob,
      relationship: row.relationship,
      effectiveDate: view('effectiveDate'),
      terminationDate: view('terminationDate'),
      maxUsed: view('maxUsedCents'),
      maxRemaining: view('maxRemainingCents'),
      deductibleMet: view('deductibleMetCents'),
    };
  }

  async function serviceHistory(patientId: number): Promise<ServiceRecord[]> {
    return (await readServiceHistory(ledger, patientId)).map((s) => ({
      uid: s.observation.uid,
      code: s.code,
      serviceDate: s.value.date,
      source: s.value.reportedBy,
      statement: s.observation,
    }));
  }

  async function get(id: number): Promise<Patient> {
    const row = await patients.getPatientRow(db, id);
    if (!row) throw new AppError('not_found', 'That patient record no longer exists.');
    const coverages: Coverage[] = [];
    for (const c of await patients.listCoverageRows(db, id)) coverages.push(await toCoverage(c));
    return { ...row, coverages, serviceHistory: await serviceHistory(id) };
  }

  function assertDobNotFuture(dob: string, field: string): void {
    if (dob > ledger.today())
      throw new AppError('validation', 'A date of birth cannot be in the future.', field);
  }

  /**
   * What the coverage form states: each date or amount whose value (or, for amounts, the day it was
   * stated) differs from what is known. Saving the form unchanged states nothing.
   */
  async function coverageStatements(
    coverageId: number | null,
    input: CoverageInput,
  ): Promise<Array<[Statement, string | null]>> {
    const known = coverageId === null ? null : await readCoverageKnowledge(ledger, coverageId);
    const changed = (field: CoverageField, value: unknown, statedOn: string | null) => {
      const current = known?.field(field);
      if (!current) return value !== null;
      return (
        !sameValue(current.value, value) || (statedOn !== null && current.current?.observedOn !== statedOn)
      );
    };
    const out: Array<[Statement, string | null]> = [];
    for (const [field, value] of [
      ['effectiveDate', input.effectiveDate],
      ['terminationDate', input.terminationDate],
    ] as const) {
      if (changed(field, value, null)) out.push([{ field, value }, null]);
    }
    if (input.maxUsedCents !== null && changed('maxUsedCents', input.maxUsedCents, input.maxUsedStatedOn))
      out.push([{ field: 'maxUsedCents', value: input.maxUsedCents }, input.maxUsedStatedOn]);
    if (
      input.deductibleMetCents !== null &&
      changed('deductibleMetCents', input.deductibleMetCents, input.deductibleMetStatedOn)
    )
      out.push([
        { field: 'deductibleMetCents', value: input.deductibleMetCents },
        input.deductibleMetStatedOn,
      ]);
    return out;
  }

  return {
    /** Up to 50 matches (patientSearch.ts); the most recently changed patients when nothing is typed. */
    async search(query: string): Promise<PatientSummary[]> {
      if (query.trim() === '') return patients.recentPatients(db, 50);
      // Something typed that holds no name, date or ID (a stray "%") matches nobody, not everybody.
      const parsed = parsePatientQuery(query, localDate(now()));
      if (parsed.terms.length === 0) return [];
      // A birth date typed on its own narrows the read to that day (a number that may be a member ID does not).
      const dob = parsed.terms.find((t) => t.kind === 'date' && t.digits === null);
      return (await patients.listSearchRows(db, dob?.kind === 'date' ? dob.iso : null))
        .filter((p) => matchesPatient(p, parsed))
        .sort(comparePatients(parsed))
        .slice(0, 50)
        .map(({ memberIds: _ids, ...summary }) => summary);
    },

    get,

    async save(id: number | null, input: PatientInput): Promise<Patient> {
      assertDobNotFuture(input.dob, 'dob');
      const savedId = await db.tx(async () => {
        if (id === null) return patients.insertPatient(db, input, false, stamp());
        if (!(await patients.updatePatient(db, id, input, stamp()))) {
          throw new AppError('not_found', 'That patient record no longer exists.');
        }
        return id;
      });
      return get(savedId);
    },

    async saveCoverage(id: number | null, input: CoverageInput): Promise<Patient> {
      if (!(await patients.getPatientRow(db, input.patientId)))
        throw new AppError('not_found', 'That patient record no longer exists.');
      if (!(await getPlanRow(db, input.planId)))
        throw new AppError('validation', 'Choose a plan that exists.', 'planId');
      if (input.subscriberDob) assertDobNotFuture(input.subscriberDob, 'subscriberDob');
      for (const [field, day] of [
        ['maxUsedStatedOn', input.maxUsedStatedOn],
        ['deductibleMetStatedOn', input.deductibleMetStatedOn],
      ] as const) {
        if (day !== null && day > ledger.today())
          throw new AppError('validation', 'The payer cannot have said it on a future date.', field);
      }
      const existing = id === null ? null : await patients.getCoverageRow(db, id);
      if (id !== null && !existing) throw new AppError('not_found', 'That coverage no longer exists.');
      const clash = (await patients.listCoverageRows(db, input.patientId)).find(
        (c) => c.ordinal === input.ordinal && c.id !== id,
      );
      if (clash) {
        throw new AppError(
          'conflict',
          `This patient already has a ${input.ordinal === 1 ? 'primary' : 'secondary'} coverage. Change that one first.`,
          'ordinal',
        );
      }
      const statements = await coverageStatements(id, input);
      await db.tx(async () => {
        const coverageId = await patients.upsertCoverage(
          db,
          id,
          {
            patientId: input.patientId,
            planId: input.planId,
            ordinal: input.ordinal,
            memberId: input.memberId,
            subscriberName: input.subscriberName,
            subscriberDob: input.subscriberDob,
            relationship: input.relationship,
          },
          stamp(),
        );
        for (const [statement, statedOn] of statements)
          await ledger.record({ kind: 'coverage', id: coverageId }, [statement], {
            source: 'manual',
            ...(statedOn ? { observedOn: statedOn } : {}),
          });
      });
      return get(input.patientId);
    },

    /** Takes the coverage off the patient; what was said about it stays in the record. */
    async deleteCoverage(id: number): Promise<Patient> {
      const row = await patients.getCoverageRow(db, id);
      if (!row) throw new AppError('not_found', 'That coverage no longer exists.');
      await patients.removeCoverage(db, id, actor(), stamp());
      return get(row.patientId);
    },

    async addService(record: {
      patientId: number;
      code: string;
      serviceDate: string;
      source: ServiceRecord['source'];
    }): Promise<Patient> {
      const patient = await patients.getPatientRow(db, record.patientId);
      if (!patient) throw new AppError('not_found', 'That patient record no longer exists.');
      if (record.serviceDate > ledger.today()) {
        throw new AppError('validation', 'A past service cannot have a future date.', 'serviceDate');
      }
      if (record.serviceDate < patient.dob) {
        throw new AppError('validation', 'The service date is before the date of birth.', 'serviceDate');
      }
      await ledger.record(
        { kind: 'patient', id: record.patientId },
        [
          {
            code: record.code,
            field: SERVICE_FIELD,
            value: { date: record.serviceDate, reportedBy: record.source },
          },
        ],
        { source: 'manual' },
      );
      return get(record.patientId);
    },

    /** A service recorded in error: withdrawn (the withdrawal and the original stay in the record). */
    async deleteService(patientId: number, uid: string): Promise<Patient> {
      if (!(await serviceHistory(patientId)).some((s) => s.uid === uid)) {
        throw new AppError('not_found', 'That service record no longer exists.');
      }
      await ledger.retract(uid, `Removed from the history by ${actor()}`);
      return get(patientId);
    },
  };
}

export type PatientService = ReturnType<typeof createPatientService>;
