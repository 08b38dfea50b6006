// The estimate being worked on: patient, planned lines, the live result, and the saved snapshot.
import { create } from 'zustand';
import { addDays } from '../../../shared/dates/calendar';
import type { EstimateRequest, EstimateView, SavedEstimate } from '../../../shared/estimate/estimateViews';
import { parseMoney } from '../../../shared/money/cents';
import type { PatientSummary } from '../../../shared/policy/policyViews';
import { ApiError, call } from '../lib/api';
import { today } from '../lib/clock';

export interface DraftLine {
  key: number;
  code: string;
  tooth: string;
  serviceDate: string;
  fee: string;
}

interface EstimateState {
  patient: PatientSummary | null;
  lines: DraftLine[];
  selfPay: boolean;
  view: EstimateView | null;
  problem: { field: string | null; message: string } | null;
  saved: SavedEstimate | null;
  setPatient(patient: PatientSummary): void;
  /** A fresh estimate for a verified call: its patient and its planned codes, tooth and dates. */
  startFromCall(
    patientId: number,
    planned: ReadonlyArray<{ code: string; tooth: string | null; serviceDate: string }>,
  ): Promise<void>;
  addLine(): void;
  updateLine(key: number, patch: Partial<DraftLine>): void;
  removeLine(key: number): void;
  setSelfPay(selfPay: boolean): void;
  recompute(): Promise<void>;
  save(): Promise<void>;
}

let nextKey = 1;
let latest = 0;
const blankLine = (): DraftLine => ({
  key: nextKey++,
  code: '',
  tooth: '',
  serviceDate: addDays(today(), 7),
  fee: '',
});

export const useEstimateStore = create<EstimateState>((set, get) => ({
  patient: null,
  lines: [blankLine()],
  selfPay: false,
  view: null,
  problem: null,
  saved: null,

  setPatient: (patient) => {
    set({ patient, saved: null });
    void get().recompute();
  },
  startFromCall: async (patientId, planned) => {
    const {
      phone: _phone,
      coverages: _coverages,
      serviceHistory: _history,
      ...patient
    } = await call('patients:get', {
      id: patientId,
    });
    set({
      patient,
      selfPay: false,
      saved: null,
      lines: planned.map((p) => ({
        ...blankLine(),
        code: p.code,
        tooth: p.tooth ?? '',
        serviceDate: p.serviceDate,
      })),
    });
    await get().recompute();
  },
  addLine: () => set({ lines: [...get().lines, blankLine()] }),
  updateLine: (key, patch) => {
    set({ lines: get().lines.map((l) => (l.key === key ? { ...l, ...patch } : l)), saved: null });
    void get().recompute();
  },
  removeLine: (key) => {
    set({ lines: get().lines.filter((l) => l.key !== key), saved: null });
    void get().recompute();
  },
  setSelfPay: (selfPay) => {
    set({ selfPay, saved: null });
    void get().recompute();
  },

  recompute: async () => {
    const built = buildRequest(get());
    if (built === null) {
      set({ view: null, problem: null });
      return;
    }
    if ('problem' in built) {
      set({ view: null, problem: built.problem });
      return;
    }
    const request = ++latest;
    try {
      const view = await call('estimate:compute', built.request);
      if (request === latest) set({ view, problem: null });
    } catch (error) {
      if (request === latest) {
        set({
          view: null,
          problem: error instanceof ApiError ? { field: error.field ?? null, message: error.message } : null,
        });
      }
    }
  },

  save: async () => {
    const built = buildRequest(get());
    if (built === null || 'problem' in built) return;
    set({ saved: await call('estimate:save', built.request) });
  },
}));

type Built = { request: EstimateRequest } | { problem: { field: string; message: string } } | null;

/** The request for main, or the first thing the person has to fix; null while there is nothing to estimate. */
function buildRequest({
  patient,
  lines,
  selfPay,
}: Pick<EstimateState, 'patient' | 'lines' | 'selfPay'>): Built {
  const ready = lines.filter((l) => l.code.trim() !== '');
  if (!patient || ready.length === 0) return null;
  const out: EstimateRequest['lines'] = [];
  for (const [i, l] of ready.entries()) {
    const fee = l.fee.trim() === '' ? null : parseMoney(l.fee);
    if (l.fee.trim() !== '' && fee === null) {
      return {
        problem: {
          field: `lines.${i}.feeCents`,
          message: 'Write a fee like 1200 or $1,200.00, or leave it empty for the office fee.',
        },
      };
    }
    out.push({
      code: l.code.trim(),
      tooth: l.tooth.trim() || null,
      serviceDate: l.serviceDate.trim(),
      feeCents: fee,
    });
  }
  return { request: { patientId: patient.id, selfPay, lines: out } };
}
