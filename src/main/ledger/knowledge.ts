// What VerifyDesk knows today about a plan (with its payer's defaults) or a patient's coverage, derived
// from the ledger in one read per subject. Screens, the call's "on file" answers and the estimate all
// read through here, so they agree.
import { deriveField, deriveSet, type DerivedField } from '../../shared/ledger/derive';
import {
  ALLOWED_FEE_FIELD,
  factField,
  SERVICE_FIELD,
  type CoverageField,
  type ServiceValue,
} from '../../shared/ledger/fields';
import type { Observation } from '../../shared/ledger/ledgerTypes';
import {
  isUnknown,
  PLAN_BENEFIT_FIELDS,
  POLICY_FIELDS,
  UNKNOWN_BENEFITS,
  UNKNOWN_POLICY,
  type PlanBenefitField,
  type PlanBenefits,
  type PolicyField,
  type PolicyValues,
} from '../../shared/policy/policyTypes';
import type { FieldView } from '../../shared/policy/policyViews';
import type { Ledger } from './ledger';

export interface InheritedField extends DerivedField {
  /** The value is the payer's default for the code, not the plan's own answer. */
  inherited: boolean;
}

const UNKNOWN_FIELD: DerivedField = {
  value: null,
  status: 'unknown',
  current: null,
  conflict: [],
  statements: 0,
};

/** A derived field as the screens receive it. */
export function toFieldView(field: DerivedField, inherited = false): FieldView {
  return {
    value: field.value,
    status: field.status,
    source: field.current,
    conflict: field.conflict,
    inherited,
    statements: field.statements,
  };
}

function memoDerive(ledger: Ledger, groups: Map<string, Observation[]>) {
  const cache = new Map<string, DerivedField>();
  return (field: string, code = ''): DerivedField => {
    const key = `${field}|${code}`;
    let derived = cache.get(key);
    if (!derived) {
      const list = groups.get(key);
      derived = list
        ? deriveField(list, { today: ledger.today(), windowDays: ledger.windowFor(field) })
        : UNKNOWN_FIELD;
      cache.set(key, derived);
    }
    return derived;
  };
}

export interface PlanKnowledge {
  benefit(field: PlanBenefitField): DerivedField;
  /** The plan's own answer for a code, else the payer's default, else unknown. */
  policy(code: string, field: PolicyField): InheritedField;
  fact(stepId: string, code: string | null): DerivedField;
  allowedFee(code: string): DerivedField;
  benefitValues(): PlanBenefits;
  policyValues(code: string): PolicyValues;
  /** Codes the plan or its payer has any answer for. */
  codes(): string[];
  /** Every statement the plan and its payer's defaults hold. */
  observations(): Observation[];
}

export async function readPlanKnowledge(
  ledger: Ledger,
  planId: number,
  payerId: number,
): Promise<PlanKnowledge> {
  const planGroups = await ledger.grouped({ kind: 'plan', id: planId });
  const payerGroups = await ledger.grouped({ kind: 'payer', id: payerId });
  const own = memoDerive(ledger, planGroups);
  const defaults = memoDerive(ledger, payerGroups);
  const policy = (code: string, field: PolicyField): InheritedField => {
    const mine = own(field, code);
    if (!isUnknown(mine.value)) return { ...mine, inherited: false };
    const fallback = defaults(field, code);
    if (!isUnknown(fallback.value)) return { ...fallback, inherited: true };
    return { ...mine, inherited: false };
  };
  return {
    benefit: (field) => own(field),
    policy,
    fact: (stepId, code) => own(factField(stepId), code ?? ''),
    allowedFee: (code) => own(ALLOWED_FEE_FIELD, code),
    benefitValues: () =>
      Object.fromEntries(
        PLAN_BENEFIT_FIELDS.map((f) => [f, isUnknown(own(f).value) ? UNKNOWN_BENEFITS[f] : own(f).value]),
      ) as PlanBenefits,
    policyValues: (code) =>
      Object.fromEntries(
        POLICY_FIELDS.map((f) => {
          const v = policy(code, f).value;
          return [f, isUnknown(v) ? UNKNOWN_POLICY[f] : v];
        }),
      ) as PolicyValues,
    codes: () =>
      [...new Set([...planGroups.values(), ...payerGroups.values()].flat().map((o) => o.code))]
        .filter((c) => c !== '')
        .sort(),
    observations: () => [...planGroups.values(), ...payerGroups.values()].flat(),
  };
}

export interface CoverageKnowledge {
  field(field: CoverageField, code?: string): DerivedField;
}

export async function readCoverageKnowledge(ledger: Ledger, coverageId: number): Promise<CoverageKnowledge> {
  const derive = memoDerive(ledger, await ledger.grouped({ kind: 'coverage', id: coverageId }));
  return { field: (field, code = '') => derive(field, code) };
}

/** A patient's earlier services that count, newest first. */
export async function readServiceHistory(
  ledger: Ledger,
  patientId: number,
): Promise<Array<{ observation: Observation; code: string; value: ServiceValue }>> {
  const all = [...(await ledger.grouped({ kind: 'patient', id: patientId })).values()]
    .flat()
    .filter((o) => o.field === SERVICE_FIELD);
  return deriveSet(all)
    .map((o) => ({ observation: o, code: o.code, value: o.value as ServiceValue }))
    .sort((a, b) => (a.value.date < b.value.date ? 1 : a.value.date > b.value.date ? -1 : 0));
}
