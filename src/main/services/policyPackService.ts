// Export and import of policy packs. Import is planned field by field (new / changed / unchanged /
// conflicting): a pack answer is taken when we know nothing, or when it was recorded after ours;
// when ours is newer (or as new) and different, ours is kept and the conflict is reported.
// The preview and the apply run the same plan; the apply is one transaction.
import { AppError } from '../../shared/ipc/result';
import {
  PACK_FORMAT,
  PACK_VERSION,
  readPolicyPack,
  type PackPolicy,
  type PolicyPack,
} from '../../shared/policy/policyPack';
import {
  isUnknown,
  PLAN_BENEFIT_FIELDS,
  POLICY_FIELDS,
  UNKNOWN_BENEFITS,
  UNKNOWN_POLICY,
  type PlanBenefits,
  type PolicyValues,
  type Provenance,
} from '../../shared/policy/policyTypes';
import type { Db } from '../db/connection';
import { findPlanId, listPlanIdsForPayer, listRealPayerIds } from '../db/repositories/packRepo';
import * as payers from '../db/repositories/payerRepo';
import * as policies from '../db/repositories/policyRepo';
import { getProvenances, insertProvenance, type ProvenanceMap } from '../db/repositories/provenanceRepo';

export interface PackPreview {
  fileName: string;
  payers: { new: number; existing: number };
  plans: { new: number; existing: number };
  answers: { new: number; changed: number; unchanged: number; conflicting: number };
  /** First 50 conflicts, in words. */
  conflicts: string[];
  issues: Array<{ line: number; field: string; message: string }>;
}

type Target = { payerId: number | null; planId: number | null };

interface FieldDecision {
  kind: 'new' | 'changed' | 'unchanged' | 'conflicting';
  field: string;
  value: unknown;
  provenanceKey: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function createPolicyPackService(db: Db, now: () => Date) {
  // ---- export ----

  function exportPack(): PolicyPack {
    const provenanceIds = new Set<number>();
    const keyOf = (id: number) => {
      provenanceIds.add(id);
      return `p${id}`;
    };
    const refs = (map: ProvenanceMap, answered: (field: string) => boolean) =>
      Object.fromEntries(
        Object.entries(map)
          .filter(([field]) => answered(field))
          .map(([field, id]) => [field, keyOf(id)]),
      );
    const packPolicies = (stored: Map<string, policies.StoredPolicy>): PackPolicy[] =>
      [...stored.values()]
        .sort((a, b) => a.code.localeCompare(b.code))
        .map((p) => ({
          code: p.code,
          values: p.values,
          provenance: refs(p.provenance, (f) => !isUnknown(p.values[f as keyof PolicyValues])),
        }));

    const packPayers = listRealPayerIds(db).map((payerId) => {
      const payer = payers.getPayer(db, payerId)!;
      const { id: _id, isSample: _s, planCount: _c, updatedAt: _u, ...fields } = payer;
      return {
        ...fields,
        defaults: packPolicies(policies.listPayerDefaults(db, payerId)),
        plans: listPlanIdsForPayer(db, payerId).map((planId) => {
          const row = payers.getPlanRow(db, planId)!;
          const benefits = {
            ...UNKNOWN_BENEFITS,
            ...(JSON.parse(row.benefitsJson) as Partial<PlanBenefits>),
          };
          return {
            name: row.name,
            groupNumber: row.groupNumber,
            employerName: row.employerName,
            planType: row.planType,
            notes: row.notes,
            benefits,
            benefitProvenance: refs(
              JSON.parse(row.provenanceJson) as ProvenanceMap,
              (f) => !isUnknown(benefits[f as keyof PlanBenefits]),
            ),
            policies: packPolicies(policies.listPlanPolicies(db, planId)),
          };
        }),
      };
    });
    const provenance = [...getProvenances(db, provenanceIds).values()]
      .sort((a, b) => a.id - b.id)
      .map((p: Provenance) => ({
        key: `p${p.id}`,
        source: p.source,
        recordedBy: p.recordedBy,
        recordedAt: p.recordedAt,
        repName: p.repName,
        referenceNumber: p.referenceNumber,
      }));
    return {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      exportedAt: now().toISOString(),
      provenance,
      payers: packPayers,
    };
  }

  // ---- import: one plan for preview and apply ----

  function decide(
    fields: readonly string[],
    ours: { values: Record<string, unknown>; provenance: ProvenanceMap } | null,
    theirs: { values: Record<string, unknown>; provenance: Record<string, string | undefined> },
    packProvenance: Map<string, PolicyPack['provenance'][number]>,
  ): FieldDecision[] {
    const ourProvenance = ours
      ? getProvenances(db, Object.values(ours.provenance))
      : new Map<number, Provenance>();
    const decisions: FieldDecision[] = [];
    for (const field of fields) {
      const value = theirs.values[field];
      const provenanceKey = theirs.provenance[field];
      if (isUnknown(value) || provenanceKey === undefined) continue; // the pack does not know it: nothing to take
      const current = ours?.values[field];
      if (current === undefined || isUnknown(current)) {
        decisions.push({ kind: 'new', field, value, provenanceKey });
      } else if (same(current, value)) {
        decisions.push({ kind: 'unchanged', field, value, provenanceKey });
      } else {
        const ourTime = ours?.provenance[field]
          ? (ourProvenance.get(ours.provenance[field])?.recordedAt ?? '')
          : '';
        const theirTime = packProvenance.get(provenanceKey)!.recordedAt;
        decisions.push({
          kind: theirTime > ourTime ? 'changed' : 'conflicting',
          field,
          value,
          provenanceKey,
        });
      }
    }
    return decisions;
  }

  interface Step {
    describe: string;
    target: Target;
    code: string | null; // null: plan benefits
    decisions: FieldDecision[];
  }

  function planImport(pack: PolicyPack) {
    const packProvenance = new Map(pack.provenance.map((p) => [p.key, p]));
    const steps: Step[] = [];
    const counts = { payers: { new: 0, existing: 0 }, plans: { new: 0, existing: 0 } };
    for (const payer of pack.payers) {
      const payerId = payers.findPayerIdByName(db, payer.name);
      counts.payers[payerId === null ? 'new' : 'existing']++;
      const policySteps = (list: PackPolicy[], target: Target, where: string) => {
        const stored =
          target.planId !== null
            ? policies.listPlanPolicies(db, target.planId)
            : target.payerId !== null
              ? policies.listPayerDefaults(db, target.payerId)
              : new Map<string, policies.StoredPolicy>();
        for (const p of list) {
          const ours = stored.get(p.code) ?? null;
          steps.push({
            describe: `${where}, ${p.code}`,
            target,
            code: p.code,
            decisions: decide(POLICY_FIELDS, ours, p, packProvenance),
          });
        }
      };
      policySteps(payer.defaults, { payerId, planId: null }, `${payer.name} (all plans)`);
      for (const plan of payer.plans) {
        const planId = payerId === null ? null : findPlanId(db, payerId, plan.name, plan.groupNumber);
        counts.plans[planId === null ? 'new' : 'existing']++;
        const row = planId === null ? null : payers.getPlanRow(db, planId);
        const ours = row
          ? {
              values: JSON.parse(row.benefitsJson) as Record<string, unknown>,
              provenance: JSON.parse(row.provenanceJson) as ProvenanceMap,
            }
          : null;
        steps.push({
          describe: `${payer.name}, ${plan.name} benefits`,
          target: { payerId, planId },
          code: null,
          decisions: decide(
            PLAN_BENEFIT_FIELDS,
            ours,
            { values: plan.benefits, provenance: plan.benefitProvenance },
            packProvenance,
          ),
        });
        policySteps(plan.policies, { payerId, planId }, `${payer.name}, ${plan.name}`);
      }
    }
    return { steps, counts, packProvenance };
  }

  function preview(fileName: string, bytes: Uint8Array): PackPreview {
    const read = readPolicyPack(bytes);
    const empty = { new: 0, existing: 0 };
    if (!read.ok) {
      return {
        fileName,
        payers: empty,
        plans: empty,
        answers: { new: 0, changed: 0, unchanged: 0, conflicting: 0 },
        conflicts: [],
        issues: read.issues.map((i) => ({
          ...i,
          message: `${fileName}, line ${i.line}${i.field ? `, ${i.field}` : ''}: ${i.message}`,
        })),
      };
    }
    const { steps, counts } = planImport(read.pack);
    const answers = { new: 0, changed: 0, unchanged: 0, conflicting: 0 };
    const conflicts: string[] = [];
    for (const step of steps) {
      for (const d of step.decisions) {
        answers[d.kind]++;
        if (d.kind === 'conflicting' && conflicts.length < 50)
          conflicts.push(`${step.describe}: ${d.field} (ours is newer; ours kept)`);
      }
    }
    return { fileName, ...counts, answers, conflicts, issues: [] };
  }

  function apply(fileName: string, bytes: Uint8Array): PackPreview {
    const summary = preview(fileName, bytes);
    if (summary.issues.length > 0) {
      throw new AppError('validation', `Nothing was imported. ${summary.issues[0]!.message}`);
    }
    const read = readPolicyPack(bytes);
    if (!read.ok) throw new AppError('validation', 'Nothing was imported: the pack is not valid.');
    const pack = read.pack;
    const stamp = now().toISOString();
    db.transaction(() => {
      // Create missing payers and plans first, then plan again against the completed structure.
      for (const payer of pack.payers) {
        let payerId = payers.findPayerIdByName(db, payer.name);
        if (payerId === null) {
          const { defaults: _d, plans: _p, ...input } = payer;
          payerId = payers.insertPayer(db, input, false, stamp);
        }
        for (const plan of payer.plans) {
          if (findPlanId(db, payerId, plan.name, plan.groupNumber) === null) {
            payers.insertPlan(
              db,
              {
                payerId,
                name: plan.name,
                groupNumber: plan.groupNumber,
                employerName: plan.employerName,
                planType: plan.planType,
                notes: plan.notes,
              },
              JSON.stringify(UNKNOWN_BENEFITS),
              '{}',
              false,
              stamp,
            );
          }
        }
      }
      const { steps, packProvenance } = planImport(pack);
      const provenanceIds = new Map<string, number>();
      const provenanceIdFor = (key: string) => {
        let id = provenanceIds.get(key);
        if (id === undefined) {
          const p = packProvenance.get(key)!;
          id = insertProvenance(
            db,
            { source: p.source, callId: null, repName: p.repName, referenceNumber: p.referenceNumber },
            p.recordedBy,
            p.recordedAt,
          );
          provenanceIds.set(key, id);
        }
        return id;
      };
      for (const step of steps) {
        const taken = step.decisions.filter((d) => d.kind === 'new' || d.kind === 'changed');
        if (taken.length === 0) continue;
        const { payerId, planId } = step.target;
        if (step.code === null) {
          const row = payers.getPlanRow(db, planId!)!;
          const values = {
            ...UNKNOWN_BENEFITS,
            ...(JSON.parse(row.benefitsJson) as Partial<PlanBenefits>),
          } as Record<string, unknown>;
          const map = JSON.parse(row.provenanceJson) as ProvenanceMap;
          for (const d of taken) {
            values[d.field] = d.value;
            map[d.field] = provenanceIdFor(d.provenanceKey);
          }
          payers.updatePlanBenefits(db, planId!, JSON.stringify(values), JSON.stringify(map), stamp);
        } else {
          const current = policies.getPolicy(db, payerId!, planId, step.code);
          const values = { ...(current?.values ?? UNKNOWN_POLICY) } as Record<string, unknown>;
          const map = { ...(current?.provenance ?? {}) };
          for (const d of taken) {
            values[d.field] = d.value;
            map[d.field] = provenanceIdFor(d.provenanceKey);
          }
          policies.upsertPolicy(
            db,
            payerId!,
            planId,
            { code: step.code, values: values as PolicyValues, provenance: map },
            stamp,
          );
        }
      }
    })();
    return summary;
  }

  return { exportPack, preview, apply };
}

export type PolicyPackService = ReturnType<typeof createPolicyPackService>;
