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
  saved: string | null;
  search(query: string): Promise<void>;
  open(id: number): Promise<void>;
  startNew(): void;
  save(input: PatientInput): Promise<boolean>;
  saveCoverage(id: number | null, input: CoverageInput): Promise<boolean>;
  deleteCoverage(id: number): Promise<void>;
  addService(code: string, serviceDate: string, source: 'office' | 'payer' | 'patient'): Promise<boolean>;
}

let latestSearch = 0;

export const usePatientsStore = create<PatientsState>((set, get) => ({
  query: '',
  results: [],
  plans: [],
  patient: null,
  creating: false,
  errors: {},
  saved: null,

  search: async (query) => {
    const request = ++latestSearch;
    set({ query });
    const [results, plans] = await Promise.all([
      call('patients:search', { query }),
      call('plans:list', { payerId: null }),
    ]);
    if (request === latestSearch) set({ results, plans });
  },

  open: async (id) => {
    const patient = await call('patients:get', { id });
    set({ patient, creating: false, errors: {}, saved: null });
  },

  startNew: () => set({ patient: null, creating: true, errors: {}, saved: null }),

  save: async (input) => {
    try {
      const patient = await call('patients:save', { id: get().patient?.id ?? null, patient: input });
      set({ patient, creating: false, errors: {}, saved: 'Patient saved.' });
      await get().search(get().query);
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, 'patient.') ?? {}, saved: null });
      return false;
    }
  },

  saveCoverage: async (id, input) => {
    try {
      const patient = await call('coverages:save', { id, coverage: input });
      set({ patient, errors: {}, saved: 'Coverage saved.' });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, 'coverage.') ?? {}, saved: null });
      return false;
    }
  },

  deleteCoverage: async (id) => {
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
      set({ errors: fieldErrorsFrom(error) ?? {}, saved: null });
      return false;
    }
  },
}));
