// Payers and plans: the list, the one being edited, and the plan's policy matrix.
import { create } from 'zustand';
import { POLICY_FIELDS, type PlanBenefits, type PolicyValues } from '../../../shared/policy/policyTypes';
import type {
  Payer,
  PayerInput,
  Plan,
  PlanInput,
  PlanSummary,
  PolicyMatrix,
} from '../../../shared/policy/policyViews';
import { call } from '../lib/api';
import { fieldErrorsFrom, type FieldErrors } from '../lib/fieldErrors';

/** The fields each form shows, for placing main's messages (lib/fieldErrors.ts). */
const PAYER_FIELDS = [
  'name',
  'electronicPayerId',
  'phoneBenefits',
  'phonePriorAuth',
  'phoneMedical',
  'phoneProviderServices',
  'portalUrl',
  'fax',
  'claimsAddress',
  'notes',
  'sendsInvertedCoinsurance',
];
const PLAN_FIELDS = ['name', 'planType', 'groupNumber', 'employerName', 'notes'];
/** The money fields have a place of their own; the rest of a benefits error shows by Save. */
const BENEFIT_FIELDS = ['annualMaxCents', 'deductibleIndividualCents', 'deductibleFamilyCents'];

export type PayersSelection =
  { kind: 'payer'; id: number | null } | { kind: 'plan'; id: number | null; payerId: number } | null;

interface PayersState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  payers: Payer[];
  plans: PlanSummary[];
  selection: PayersSelection;
  plan: Plan | null;
  matrix: PolicyMatrix | null;
  errors: FieldErrors;
  saved: string | null;
  load(): Promise<void>;
  select(selection: PayersSelection): Promise<void>;
  /** Reads the open plan and its matrix again (after a conflict was settled). */
  reloadPlan(planId: number): Promise<void>;
  savePayer(id: number | null, payer: PayerInput): Promise<boolean>;
  savePlan(id: number | null, plan: PlanInput): Promise<boolean>;
  saveBenefits(planId: number, patch: Partial<PlanBenefits>): Promise<boolean>;
  setPolicy(planId: number, code: string, patch: Partial<PolicyValues>): Promise<string | null>;
  deletePayer(id: number): Promise<void>;
}

export const usePayersStore = create<PayersState>((set, get) => ({
  status: 'idle',
  payers: [],
  plans: [],
  selection: null,
  plan: null,
  matrix: null,
  errors: {},
  saved: null,

  load: async () => {
    set({ status: 'loading' });
    try {
      const [payers, plans] = await Promise.all([
        call('payers:list', {}),
        call('plans:list', { payerId: null }),
      ]);
      set({ status: 'ready', payers, plans });
    } catch {
      set({ status: 'error' });
    }
  },

  select: async (selection) => {
    set({ selection, plan: null, matrix: null, errors: {}, saved: null });
    if (selection?.kind === 'plan' && selection.id !== null) {
      const [plan, matrix] = await Promise.all([
        call('plans:get', { id: selection.id }),
        call('policies:matrix', { planId: selection.id }),
      ]);
      set({ plan, matrix });
    }
  },

  reloadPlan: async (planId) => {
    const [plan, matrix] = await Promise.all([
      call('plans:get', { id: planId }),
      call('policies:matrix', { planId }),
    ]);
    if (get().plan?.id === planId) set({ plan, matrix });
  },

  savePayer: async (id, payer) => {
    try {
      const saved = await call('payers:save', { id, payer });
      await get().load();
      set({ selection: { kind: 'payer', id: saved.id }, errors: {}, saved: `Saved ${saved.name}.` });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, PAYER_FIELDS) ?? {}, saved: null });
      return false;
    }
  },

  savePlan: async (id, plan) => {
    try {
      const saved = await call('plans:save', { id, plan });
      await get().load();
      await get().select({ kind: 'plan', id: saved.id, payerId: saved.payerId });
      set({ saved: `Saved ${saved.name}.` });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, PLAN_FIELDS) ?? {}, saved: null });
      return false;
    }
  },

  saveBenefits: async (planId, patch) => {
    try {
      const plan = await call('plans:setBenefits', { planId, patch });
      set({ plan, errors: {}, saved: 'Benefits saved.' });
      return true;
    } catch (error) {
      set({ errors: fieldErrorsFrom(error, BENEFIT_FIELDS) ?? {}, saved: null });
      return false;
    }
  },

  setPolicy: async (planId, code, patch) => {
    try {
      const matrix = await call('policies:set', { planId, code, patch });
      set({ matrix });
      return null;
    } catch (error) {
      // One cell is edited at a time: whatever main says about the patch is that cell's message.
      const errors = fieldErrorsFrom(error, POLICY_FIELDS);
      return errors ? Object.values(errors)[0]! : 'Not saved.';
    }
  },

  deletePayer: async (id) => {
    await call('payers:delete', { id });
    set({ selection: null });
    await get().load();
  },
}));
