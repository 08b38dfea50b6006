// Payers, plans, plan benefits and per-code policies. Answers are statements in the ledger: a change made
// here is recorded as a manual statement (only the fields whose value changes), and reads derive each
// field's value, source and status (known, unknown, stale, conflicting) from the statements.
import { AppError } from '../../shared/ipc/result';
import {
  isUnknown,
  PLAN_BENEFIT_FIELDS,
  POLICY_FIELDS,
  planBenefitsSchema,
  policyValuesSchema,
  UNKNOWN_BENEFITS,
  UNKNOWN_POLICY,
  type PlanBenefits,
  type PolicyValues,
} from '../../shared/policy/policyTypes';
import type {
  Payer,
  PayerInput,
  Plan,
  PlanInput,
  PlanSummary,
  PolicyMatrix,
  PolicyRow,
} from '../../shared/policy/policyViews';
import { sameValue, type DerivedField } from '../../shared/ledger/derive';
import type { AppDb } from '../db/appDb';
import type { Db } from '../db/connection';
import { listCatalogCodes } from '../db/repositories/catalogRepo';
import { deletePlanFees } from '../db/repositories/feeRepo';
import { countCallsForPlan } from '../db/repositories/callRepo';
import { countCoveragesForPlan } from '../db/repositories/patientRepo';
import * as payers from '../db/repositories/payerRepo';
import type { Ledger, SourceInput } from '../ledger/ledger';
import { countForSubject } from '../ledger/ledgerRepo';
import { readPlanKnowledge, toFieldView, type PlanKnowledge } from '../ledger/knowledge';

export interface PolicyServiceDeps {
  db: AppDb;
  /** This desk's code catalog: the matrix lists its codes. */
  catalog: Db;
  now: () => Date;
  ledger: Ledger;
}

const MANUAL: SourceInput = { source: 'manual' };

/** An unknown field reads as its own "unknown" ('unknown' for yes/no/unknown answers, null otherwise). */
const withUnknown = (field: DerivedField, unknown: unknown): DerivedField =>
  isUnknown(field.value) ? { ...field, value: unknown } : field;

function firstIssue(error: { issues: Array<{ message: string; path: PropertyKey[] }> }): AppError {
  const issue = error.issues[0];
  return new AppError('validation', issue?.message ?? 'Not valid.', issue?.path.map(String).join('.'));
}

/**
 * The statements a patch makes: every field given, or for a person's own edit only the fields whose value
 * differs from what is known (saving a form unchanged does not re-confirm anything).
 */
function statementsFor<T extends object>(
  patch: Partial<T>,
  current: (field: keyof T) => unknown,
  source: SourceInput,
  code?: string,
): Array<{ code?: string; field: string; value: unknown }> {
  return (Object.keys(patch) as Array<keyof T>)
    .filter((f) => patch[f] !== undefined)
    .filter((f) => source.source !== 'manual' || !sameValue(current(f), patch[f]))
    .map((f) => ({ ...(code ? { code } : {}), field: String(f), value: patch[f] }));
}

export function createPolicyService({ db, catalog, now, ledger }: PolicyServiceDeps) {
  const stamp = () => now().toISOString();

  async function requirePayer(id: number): Promise<Payer> {
    const payer = await payers.getPayer(db, id);
    if (!payer) throw new AppError('not_found', 'That payer no longer exists.');
    return payer;
  }

  async function requirePlanRow(id: number): Promise<payers.PlanRow> {
    const row = await payers.getPlanRow(db, id);
    if (!row) throw new AppError('not_found', 'That plan no longer exists.');
    return row;
  }

  const knowledgeOf = (row: payers.PlanRow): Promise<PlanKnowledge> =>
    readPlanKnowledge(ledger, row.id, row.payerId);

  async function toPlan(row: payers.PlanRow): Promise<Plan> {
    const knowledge = await knowledgeOf(row);
    // Changed when the plan row or anything said about it last changed.
    const lastStatement = knowledge
      .observations()
      .map((o) => o.recordedAt)
      .sort()
      .at(-1);
    return {
      ...summary(row),
      notes: row.notes,
      updatedAt: lastStatement && lastStatement > row.updatedAt ? lastStatement : row.updatedAt,
      benefits: Object.fromEntries(
        PLAN_BENEFIT_FIELDS.map((f) => [
          f,
          toFieldView(withUnknown(knowledge.benefit(f), UNKNOWN_BENEFITS[f])),
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

  async function assertUniquePayerName(name: string, exceptId: number | null): Promise<void> {
    const existing = await payers.findPayerIdByName(db, name);
    if (existing !== null && existing !== exceptId) {
      throw new AppError('conflict', `A payer called "${name}" already exists.`, 'name');
    }
  }

  async function getMatrix(planId: number): Promise<PolicyMatrix> {
    const row = await requirePlanRow(planId);
    const knowledge = await knowledgeOf(row);
    const codes = new Map(
      listCatalogCodes(catalog)
        .filter((c) => c.validTo === null)
        .map((c) => [c.code, c.summary]),
    );
    for (const code of knowledge.codes()) if (!codes.has(code)) codes.set(code, '');
    const rows: PolicyRow[] = [...codes.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, summaryText]) => ({
        code,
        summary: summaryText,
        cells: Object.fromEntries(
          POLICY_FIELDS.map((field) => {
            const cell = knowledge.policy(code, field);
            return [field, toFieldView(withUnknown(cell, UNKNOWN_POLICY[field]), cell.inherited)];
          }),
        ) as PolicyRow['cells'],
      }));
    return { plan: summary(row), rows };
  }

  return {
    listPayers: (): Promise<Payer[]> => payers.listPayers(db),
    getPayer: (id: number): Promise<Payer> => requirePayer(id),

    async savePayer(id: number | null, input: PayerInput): Promise<Payer> {
      await assertUniquePayerName(input.name, id);
      const savedId = await db.tx(async () => {
        if (id === null) return payers.insertPayer(db, input, false, stamp());
        if (!(await payers.updatePayer(db, id, input, stamp())))
          throw new AppError('not_found', 'That payer no longer exists.');
        return id;
      });
      return requirePayer(savedId);
    },

    async deletePayer(id: number): Promise<void> {
      const payer = await requirePayer(id);
      if (payer.planCount > 0) {
        throw new AppError(
          'conflict',
          `${payer.name} still has ${payer.planCount} plan${payer.planCount === 1 ? '' : 's'}. Delete or move the plans first; nothing was deleted.`,
        );
      }
      const answers = await countForSubject(db, { kind: 'payer', id });
      if (answers > 0) {
        throw new AppError(
          'conflict',
          `${payer.name} has ${answers} recorded answer${answers === 1 ? '' : 's'}, which are kept for the record: the payer cannot be deleted. Nothing was deleted.`,
        );
      }
      await db.tx(() => payers.deletePayer(db, id));
    },

    listPlans: (payerId: number | null): Promise<PlanSummary[]> => payers.listPlanSummaries(db, payerId),

    getPlan: async (id: number): Promise<Plan> => toPlan(await requirePlanRow(id)),

    /** What the plan knows today, for the call and the estimate. */
    knowledge: async (planId: number): Promise<PlanKnowledge> => knowledgeOf(await requirePlanRow(planId)),

    async savePlan(id: number | null, input: PlanInput): Promise<Plan> {
      await requirePayer(input.payerId);
      const savedId = await db.tx(async () => {
        if (id === null) return payers.insertPlan(db, input, false, stamp());
        if (!(await payers.updatePlan(db, id, input, stamp())))
          throw new AppError('not_found', 'That plan no longer exists.');
        return id;
      });
      return toPlan(await requirePlanRow(savedId));
    },

    /** Records plan benefit answers (a person's edits here; calls and files pass their own source). */
    async setBenefits(
      planId: number,
      patch: Partial<PlanBenefits>,
      source: SourceInput = MANUAL,
    ): Promise<Plan> {
      const row = await requirePlanRow(planId);
      const current = (await knowledgeOf(row)).benefitValues();
      const parsed = planBenefitsSchema.safeParse({ ...current, ...patch });
      if (!parsed.success) throw firstIssue(parsed.error);
      const statements = statementsFor<PlanBenefits>(patch, (f) => current[f], source);
      if (statements.length > 0) await ledger.record({ kind: 'plan', id: planId }, statements, source);
      return toPlan(await requirePlanRow(planId));
    },

    async deletePlan(id: number): Promise<void> {
      await requirePlanRow(id);
      const coverages = await countCoveragesForPlan(db, id);
      if (coverages > 0) {
        throw new AppError(
          'conflict',
          `${coverages} patient coverage${coverages === 1 ? ' uses' : 's use'} this plan. Change those first; nothing was deleted.`,
        );
      }
      const answers = await countForSubject(db, { kind: 'plan', id });
      if (answers > 0 || (await countCallsForPlan(db, id)) > 0) {
        throw new AppError(
          'conflict',
          'This plan has verification calls or recorded answers, which are kept for the record: it cannot be deleted. Rename it if it is no longer used; nothing was deleted.',
        );
      }
      await db.tx(async () => {
        await deletePlanFees(db, id);
        await payers.deletePlan(db, id);
      });
    },

    getMatrix,

    /** Records answers for one code on a plan; all given fields share one source. */
    async setPolicy(
      planId: number,
      code: string,
      patch: Partial<PolicyValues>,
      source: SourceInput = MANUAL,
    ): Promise<void> {
      const row = await requirePlanRow(planId);
      const current = (await knowledgeOf(row)).policyValues(code);
      const parsed = policyValuesSchema.safeParse({ ...current, ...patch });
      if (!parsed.success) throw firstIssue(parsed.error);
      const statements = statementsFor<PolicyValues>(patch, (f) => current[f], source, code);
      if (statements.length > 0) await ledger.record({ kind: 'plan', id: planId }, statements, source);
    },
  };
}

export type PolicyService = ReturnType<typeof createPolicyService>;
