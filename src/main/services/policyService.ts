// Payers, plans, plan benefits and per-code policies. Every change to an answer records where it came
// from (a provenance row) in the same transaction, and reads say whether each answer is known,
// unknown or stale.
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import {
  PLAN_BENEFIT_FIELDS,
  POLICY_FIELDS,
  planBenefitsSchema,
  policyValuesSchema,
  UNKNOWN_BENEFITS,
  UNKNOWN_POLICY,
  isUnknown,
  type PlanBenefits,
  type PolicyValues,
  type Provenance,
} from '../../shared/policy/policyTypes';
import type {
  FieldView,
  Payer,
  PayerInput,
  Plan,
  PlanInput,
  PlanSummary,
  PolicyMatrix,
  PolicyRow,
  ProvenanceInput,
} from '../../shared/policy/policyViews';
import { fieldStatus } from '../../shared/policy/staleness';
import type { Db } from '../db/connection';
import { listCatalogCodes } from '../db/repositories/catalogRepo';
import { deletePlanFees } from '../db/repositories/feeRepo';
import { countCoveragesForPlan } from '../db/repositories/patientRepo';
import * as payers from '../db/repositories/payerRepo';
import * as policies from '../db/repositories/policyRepo';
import { getProvenances, insertProvenance, type ProvenanceMap } from '../db/repositories/provenanceRepo';

export interface PolicyServiceDeps {
  db: Db;
  now: () => Date;
  /** Who is making the change (the signed-in user once users exist; today the OS account). */
  actor: () => string;
  /** Days after which a plan answer is stale (from Settings). */
  staleAfterDays: () => number;
}

const MANUAL: ProvenanceInput = { source: 'manual', callId: null, repName: null, referenceNumber: null };

function firstIssue(error: { issues: Array<{ message: string; path: PropertyKey[] }> }): AppError {
  const issue = error.issues[0];
  return new AppError('validation', issue?.message ?? 'Not valid.', issue?.path.map(String).join('.'));
}

export function createPolicyService({ db, now, actor, staleAfterDays }: PolicyServiceDeps) {
  const stamp = () => now().toISOString();

  function view(value: unknown, provenance: Provenance | null, inherited: boolean): FieldView {
    return {
      value,
      status: fieldStatus(value, provenance, localDate(now()), staleAfterDays()),
      provenance,
      inherited,
    };
  }

  function requirePayer(id: number): Payer {
    const payer = payers.getPayer(db, id);
    if (!payer) throw new AppError('not_found', 'That payer no longer exists.');
    return payer;
  }

  function requirePlanRow(id: number): payers.PlanRow {
    const row = payers.getPlanRow(db, id);
    if (!row) throw new AppError('not_found', 'That plan no longer exists.');
    return row;
  }

  function toPlan(row: payers.PlanRow): Plan {
    const benefits = { ...UNKNOWN_BENEFITS, ...(JSON.parse(row.benefitsJson) as Partial<PlanBenefits>) };
    const map = JSON.parse(row.provenanceJson) as ProvenanceMap;
    const provenance = getProvenances(db, Object.values(map));
    return {
      ...summary(row),
      notes: row.notes,
      updatedAt: row.updatedAt,
      benefits: Object.fromEntries(
        PLAN_BENEFIT_FIELDS.map((f) => [
          f,
          view(benefits[f], map[f] ? (provenance.get(map[f]) ?? null) : null, false),
        ]),
      ) as Plan['benefits'],
    };
  }

  function summary(row: payers.PlanRow): PlanSummary {
    return {
      id: row.id,
      payerId: row.payerId,
      payerName: row.payerName,
      name: row.name,
      groupNumber: row.groupNumber,
      employerName: row.employerName,
      planType: row.planType,
      isSample: row.isSample === 1,
    };
  }

  function assertUniquePayerName(name: string, exceptId: number | null): void {
    const existing = payers.findPayerIdByName(db, name);
    if (existing !== null && existing !== exceptId) {
      throw new AppError('conflict', `A payer called "${name}" already exists.`, 'name');
    }
  }

  /** Merges answers into a provenance map: each field given gets the new provenance row. */
  function stampFields(map: ProvenanceMap, fields: readonly string[], provenanceId: number): ProvenanceMap {
    const next = { ...map };
    for (const field of fields) next[field] = provenanceId;
    return next;
  }

  return {
    listPayers: (): Payer[] => payers.listPayers(db),
    getPayer: (id: number): Payer => requirePayer(id),

    savePayer(id: number | null, input: PayerInput): Payer {
      assertUniquePayerName(input.name, id);
      const savedId = db.transaction(() => {
        if (id === null) return payers.insertPayer(db, input, false, stamp());
        if (!payers.updatePayer(db, id, input, stamp()))
          throw new AppError('not_found', 'That payer no longer exists.');
        return id;
      })();
      return requirePayer(savedId);
    },

    deletePayer(id: number): void {
      const payer = requirePayer(id);
      if (payer.planCount > 0) {
        throw new AppError(
          'conflict',
          `${payer.name} still has ${payer.planCount} plan${payer.planCount === 1 ? '' : 's'}. Delete or move the plans first; nothing was deleted.`,
        );
      }
      db.transaction(() => {
        policies.deletePayerDefaults(db, id);
        payers.deletePayer(db, id);
      })();
    },

    listPlans: (payerId: number | null): PlanSummary[] => payers.listPlanSummaries(db, payerId),

    getPlan: (id: number): Plan => toPlan(requirePlanRow(id)),

    savePlan(id: number | null, input: PlanInput): Plan {
      requirePayer(input.payerId);
      const savedId = db.transaction(() => {
        if (id === null)
          return payers.insertPlan(db, input, JSON.stringify(UNKNOWN_BENEFITS), '{}', false, stamp());
        if (!payers.updatePlan(db, id, input, stamp()))
          throw new AppError('not_found', 'That plan no longer exists.');
        return id;
      })();
      return toPlan(requirePlanRow(savedId));
    },

    /** Records plan benefits answers (manual edits here; calls pass their own provenance). */
    setBenefits(planId: number, patch: Partial<PlanBenefits>, provenance: ProvenanceInput = MANUAL): Plan {
      const row = requirePlanRow(planId);
      const current = { ...UNKNOWN_BENEFITS, ...(JSON.parse(row.benefitsJson) as Partial<PlanBenefits>) };
      const parsed = planBenefitsSchema.safeParse({ ...current, ...patch });
      if (!parsed.success) throw firstIssue(parsed.error);
      const fields = Object.keys(patch);
      db.transaction(() => {
        const provenanceId = insertProvenance(db, provenance, actor(), stamp());
        const map = stampFields(JSON.parse(row.provenanceJson) as ProvenanceMap, fields, provenanceId);
        payers.updatePlanBenefits(db, planId, JSON.stringify(parsed.data), JSON.stringify(map), stamp());
      })();
      return toPlan(requirePlanRow(planId));
    },

    deletePlan(id: number): void {
      requirePlanRow(id);
      const coverages = countCoveragesForPlan(db, id);
      if (coverages > 0) {
        throw new AppError(
          'conflict',
          `${coverages} patient coverage${coverages === 1 ? ' uses' : 's use'} this plan. Change those first; nothing was deleted.`,
        );
      }
      db.transaction(() => {
        policies.deletePlanPolicies(db, id);
        deletePlanFees(db, id);
        payers.deletePlan(db, id);
      })();
    },

    /** Codes down, policy fields across: the plan's own answer, else the payer-wide default, else unknown. */
    getMatrix(planId: number): PolicyMatrix {
      const row = requirePlanRow(planId);
      const own = policies.listPlanPolicies(db, planId);
      const defaults = policies.listPayerDefaults(db, row.payerId);
      const provenanceIds = [...own.values(), ...defaults.values()].flatMap((p) =>
        Object.values(p.provenance),
      );
      const provenance = getProvenances(db, provenanceIds);
      const catalog = listCatalogCodes(db).filter((c) => c.validTo === null);
      const codes = new Map(catalog.map((c) => [c.code, c.summary]));
      for (const code of [...own.keys(), ...defaults.keys()]) if (!codes.has(code)) codes.set(code, '');
      const rows: PolicyRow[] = [...codes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, summaryText]) => {
          const plan = own.get(code);
          const fallback = defaults.get(code);
          const cells = Object.fromEntries(
            POLICY_FIELDS.map((field) => {
              const ownValue = plan?.values[field];
              if (plan && ownValue !== undefined && !isUnknown(ownValue)) {
                return [field, view(ownValue, provenance.get(plan.provenance[field] ?? -1) ?? null, false)];
              }
              const inherited = fallback?.values[field];
              if (fallback && inherited !== undefined && !isUnknown(inherited)) {
                return [
                  field,
                  view(inherited, provenance.get(fallback.provenance[field] ?? -1) ?? null, true),
                ];
              }
              return [field, view(UNKNOWN_POLICY[field], null, false)];
            }),
          ) as PolicyRow['cells'];
          return { code, summary: summaryText, cells };
        });
      return { plan: summary(row), rows };
    },

    /** Records answers for one code on a plan; all given fields share one provenance row. */
    setPolicy(
      planId: number,
      code: string,
      patch: Partial<PolicyValues>,
      provenance: ProvenanceInput = MANUAL,
    ): void {
      const row = requirePlanRow(planId);
      const current = policies.getPolicy(db, row.payerId, planId, code);
      const parsed = policyValuesSchema.safeParse({ ...(current?.values ?? UNKNOWN_POLICY), ...patch });
      if (!parsed.success) throw firstIssue(parsed.error);
      db.transaction(() => {
        const provenanceId = insertProvenance(db, provenance, actor(), stamp());
        policies.upsertPolicy(
          db,
          row.payerId,
          planId,
          {
            code,
            values: parsed.data,
            provenance: stampFields(current?.provenance ?? {}, Object.keys(patch), provenanceId),
          },
          stamp(),
        );
      })();
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
