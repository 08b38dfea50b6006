// Patients: search, the patient being edited, their coverages and imaging history.
import { create } from 'zustand';
import type {
  CoverageInput,
  Patient,
  PatientInput,
  PatientSummary,
  PlanSummary,
} from '../../../shared/policy/policyViews';
import { call } from '../lib/api';
import { fieldErrorsFrom, type FieldErrors } from '../lib/fieldErrors';

interface PatientsState {
  query: string;
  results: PatientSummary[];
  plans: PlanSummary[];
  patient: Patient | null;
  creating: boolean;
  errors: FieldErrors;
  /** What the last save did; cleared by the next thing the person does, so it never describes an older action. */
  saved: string | null;
  /** The query the results are for (the list says "no match" only once they have arrived). */
  resultsFor: string | null;
  search(query: string): Promise<void>;
  clearMessages(): void;
  open(id: number): Promise<void>;
  startNew(): void;
  save(input: PatientInput): Promise<boolean>;
  saveCoverage(id: number | null, input: CoverageInput): Promise<boolean>;
  deleteCoverage(id: number): Promise<void>;
  addService(code: string, serviceDate: string, source: 'office' | 'payer' | 'patient'): Promise<boolean>;
}

let latestSearch = 0;

/** The fields each form shows, for placing main's messages (lib/fieldErrors.ts). */
export const PATIENT_FIELDS = ['firstName', 'lastName', 'dob', 'preferredLanguage', 'phone'];
export const COVERAGE_FIELDS = [
  'planId',
  'ordinal',
  'memberId',
  'subscriberName',
  'subscriberDob',
  'relationship',
  'effectiveDate',
  'terminationDate',
  'maxUsedCents',
  'maxUsedStatedOn',
  'deductibleMetCents',
  'deductibleMetStatedOn',
];
export const SERVICE_FIELDS = ['code', 'serviceDate', 'source'];

export const usePatientsStore = create<PatientsState>((set, get) => ({
  query: '',
  results: [],
  plans: [],
  patient: null,
  creating: false,
  errors: {},
  saved: null,
  resultsFor: null,

  search: async (query) => {
    const request = ++latestSearch;
    set({ query, saved: null });
    const [results, plans] = await Promise.all([
      call('patients:search', { query }),
      call('plans:list', { payerId: null }),
    ]);
    if (request === latestSearch) set({ results, plans, resultsFor: query });
  },

  clearMessages: () => set({ saved: null, errors: {} }),

  open: async (id) => {
    const patient = await call('patients:get', { id });
    set({ patient, creating: false, errors: {}, saved: null });
  },

  startNew: () => set({ patient: null, creating: true, errors: {}, saved: null }),

  save: async (input) => {
    try {
      const patient = await call('patients:save', { id: get().patient?.id ?? null, patient: input });
      // The list shows the new name; the message comes after, so refreshing the list does not clear it.
      await get().search(get().query);
      set({ patient, creating: false, errors: {}, saved: 'Patient saved.' });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, PATIENT_FIELDS) ?? {}, saved: null });
      return false;
    }
  },

  saveCoverage: async (id, input) => {
    try {
      const patient = await call('coverages:save', { id, coverage: input });
      set({ patient, errors: {}, saved: 'Coverage saved.' });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, COVERAGE_FIELDS) ?? {}, saved: null });
      return false;
    }
  },

  deleteCoverage: async (id) => {
    set({ saved: null });
    const patient = await call('coverages:delete', { id });
    set({ patient, saved: 'Coverage removed.' });
  },

  addService: async (code, serviceDate, source) => {
    const current = get().patient;
    if (!current) return false;
    try {
      const patient = await call('history:add', { patientId: current.id, code, serviceDate, source });
      set({ patient, errors: {}, saved: 'Service added.' });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, SERVICE_FIELDS) ?? {}, saved: null });
      return false;
    }
  },
}));
