// The estimate being worked on: patient, planned lines, the live result, the saved snapshot and what was
// printed from it, and the Good Faith Estimate being filled in. It lives here, not in the screen, so
// switching screens mid-estimate loses nothing; choosing another patient starts clean.
import { create } from 'zustand';
import { addDays, isIsoDate } from '../../../shared/dates/calendar';
import type { EstimateRequest, EstimateView, SavedEstimate } from '../../../shared/estimate/estimateViews';
import type { GfeSnapshot } from '../../../shared/estimate/goodFaithEstimate';
import { parseMoney } from '../../../shared/money/cents';
import type { PatientSummary } from '../../../shared/policy/policyViews';
import { call } from '../lib/api';
import { today } from '../lib/clock';
import { FORM_ERROR, fieldErrorsFrom } from '../lib/fieldErrors';

export interface DraftLine {
  key: number;
  code: string;
  tooth: string;
  /** YYYY-MM-DD, or the text as typed while it is not a date (DateInput). */
  serviceDate: string;
  fee: string;
  /** The code cell was left: an incomplete code is now an error (not while it is being typed). */
  codeLeft: boolean;
  /** The fee cell was left: a missing fee is now an error, not only a hint. */
  feeLeft: boolean;
}

export interface GfeDraft {
  primaryService: string;
  /** null until the desk types one: the estimate's first date of service stands in. */
  scheduledDate: string | null;
  /** Diagnosis codes typed per line key. */
  diagnoses: Record<number, string>;
  issued: GfeSnapshot | null;
  message: string | null;
  error: string | null;
}

/** What a line lacks before it can be estimated, in the words shown under it. */
export interface LineProblems {
  /** Also set, without a message shown, while an incomplete code is being typed. */
  code?: string;
  serviceDate?: string;
  feeCents?: string;
  /** An instruction, not yet an error: the fee cell has not been visited. */
  feeHint?: string;
}

interface EstimateState {
  patient: PatientSummary | null;
  lines: DraftLine[];
  selfPay: boolean;
  /** Office fees by code, to say which lines need a fee typed before anything is sent. */
  officeFees: Record<string, number>;
  view: EstimateView | null;
  /** Main's messages, per line key and field, or for the whole estimate (FORM_ERROR). */
  serverProblems: Record<string, string>;
  saved: SavedEstimate | null;
  /** What happened to the saved estimate's printout (sent to the printer, the PDF's place). */
  printMessage: string | null;
  gfe: GfeDraft;
  loadReference(): Promise<void>;
  setPatient(patient: PatientSummary): void;
  clearPatient(): void;
  /** A fresh estimate for a verified call: its patient and its planned codes, tooth and dates. */
  startFromCall(
    patientId: number,
    planned: ReadonlyArray<{ code: string; tooth: string | null; serviceDate: string }>,
  ): Promise<void>;
  addLine(): void;
  updateLine(key: number, patch: Partial<DraftLine>): void;
  /** The person left a cell: what it lacks is now an error rather than a hint (nothing is recomputed). */
  markLeft(key: number, cell: 'codeLeft' | 'feeLeft'): void;
  removeLine(key: number): void;
  setSelfPay(selfPay: boolean): void;
  recompute(): Promise<void>;
  save(): Promise<void>;
  setPrintMessage(message: string | null): void;
  updateGfe(patch: Partial<GfeDraft>): void;
}

let nextKey = 1;
let latest = 0;
const blankLine = (): DraftLine => ({
  key: nextKey++,
  code: '',
  tooth: '',
  serviceDate: addDays(today(), 7),
  fee: '',
  codeLeft: false,
  feeLeft: false,
});
const blankGfe = (): GfeDraft => ({
  primaryService: '',
  scheduledDate: null,
  diagnoses: {},
  issued: null,
  message: null,
  error: null,
});

const CODE = /^D\d{4}$/;
export const normalCode = (code: string) => code.trim().toUpperCase();
/** A line with something in its code cell takes part in the estimate. */
export const isReady = (l: DraftLine) => l.code.trim() !== '';

/** What each line still lacks, by line key. Empty when every line can be sent. */
export function lineProblems(
  lines: readonly DraftLine[],
  officeFees: Record<string, number>,
): Record<number, LineProblems> {
  const out: Record<number, LineProblems> = {};
  for (const l of lines.filter(isReady)) {
    const code = normalCode(l.code);
    const p: LineProblems = {};
    if (!CODE.test(code)) p.code = l.codeLeft ? 'A code is D and four digits, like D0367.' : '';
    if (!isIsoDate(l.serviceDate)) p.serviceDate = 'Type the date of service, like 12/31/2026.';
    const fee = l.fee.trim();
    if (fee !== '' && parseMoney(fee) === null)
      p.feeCents = 'Write a fee like 1200 or $1,200.00, or leave it empty for the office fee.';
    else if (fee === '' && CODE.test(code) && officeFees[code] === undefined) {
      const message = `No office fee on file for ${code}: type the fee.`;
      if (l.feeLeft) p.feeCents = message;
      else p.feeHint = message;
    }
    if (p.code !== undefined || p.serviceDate || p.feeCents || p.feeHint) out[l.key] = p;
  }
  return out;
}

export const useEstimateStore = create<EstimateState>((set, get) => ({
  patient: null,
  lines: [blankLine()],
  selfPay: false,
  officeFees: {},
  view: null,
  serverProblems: {},
  saved: null,
  printMessage: null,
  gfe: blankGfe(),

  loadReference: async () => {
    const fees = await call('fees:list', { planId: null });
    set({ officeFees: Object.fromEntries(fees.map((f) => [f.code, f.cents])) });
    void get().recompute();
  },
  setPatient: (patient) => {
    set({ patient, saved: null, printMessage: null, gfe: blankGfe() });
    void get().recompute();
  },
  clearPatient: () =>
    set({
      patient: null,
      view: null,
      saved: null,
      printMessage: null,
      serverProblems: {},
      gfe: blankGfe(),
    }),
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
      printMessage: null,
      gfe: blankGfe(),
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
    set({
      lines: get().lines.map((l) => (l.key === key ? { ...l, ...patch } : l)),
      saved: null,
      printMessage: null,
    });
    void get().recompute();
  },
  markLeft: (key, cell) =>
    set({ lines: get().lines.map((l) => (l.key === key && !l[cell] ? { ...l, [cell]: true } : l)) }),
  removeLine: (key) => {
    set({ lines: get().lines.filter((l) => l.key !== key), saved: null, printMessage: null });
    void get().recompute();
  },
  setSelfPay: (selfPay) => {
    set({ selfPay, saved: null, printMessage: null });
    void get().recompute();
  },

  recompute: async () => {
    const state = get();
    const ready = state.lines.filter(isReady);
    if (!state.patient || ready.length === 0) {
      set({ view: null, serverProblems: {} });
      return;
    }
    // Nothing is sent while a line is incomplete: the lines say what they lack.
    if (Object.keys(lineProblems(state.lines, state.officeFees)).length > 0) {
      latest++;
      set({ view: null, serverProblems: {} });
      return;
    }
    const request = ++latest;
    try {
      const view = await call('estimate:compute', buildRequest(state.patient.id, ready, state.selfPay));
      if (request === latest) set({ view, serverProblems: {} });
    } catch (error) {
      if (request === latest) set({ view: null, serverProblems: serverProblems(error, ready) });
    }
  },

  save: async () => {
    const { patient, lines, selfPay, officeFees } = get();
    const ready = lines.filter(isReady);
    if (!patient || ready.length === 0 || Object.keys(lineProblems(lines, officeFees)).length > 0) return;
    try {
      set({
        saved: await call('estimate:save', buildRequest(patient.id, ready, selfPay)),
        printMessage: null,
      });
    } catch (error) {
      set({ serverProblems: serverProblems(error, ready) });
    }
  },
  setPrintMessage: (printMessage) => set({ printMessage }),
  updateGfe: (patch) => set({ gfe: { ...get().gfe, ...patch } }),
}));

/** Main's field messages for ready lines, keyed by line key ("<key>.<field>") or FORM_ERROR. */
function serverProblems(error: unknown, ready: readonly DraftLine[]): Record<string, string> {
  const fields = ready.flatMap((_, i) =>
    ['code', 'tooth', 'serviceDate', 'feeCents'].map((f) => `lines.${i}.${f}`),
  );
  const found = fieldErrorsFrom(error, fields);
  if (!found) return {};
  return Object.fromEntries(
    Object.entries(found).map(([field, message]) => {
      if (field === FORM_ERROR) return [field, message];
      const [, index, name] = field.split('.');
      return [`${ready[Number(index)]!.key}.${name}`, message];
    }),
  );
}

function buildRequest(patientId: number, ready: readonly DraftLine[], selfPay: boolean): EstimateRequest {
  return {
    patientId,
    selfPay,
    lines: ready.map((l) => ({
      code: normalCode(l.code),
      tooth: l.tooth.trim() || null,
      serviceDate: l.serviceDate,
      feeCents: l.fee.trim() === '' ? null : parseMoney(l.fee),
    })),
  };
}
