// Export and import of policy packs. A pack carries the ledger's statements about payers and plans; import
// appends the statements this computer does not hold yet (by their ids, so importing twice changes
// nothing and two offices converge), after a preview of what each would do: new (we knew nothing), changed
// (theirs is newer), unchanged, or conflicting (ours is newer and different: ours stays the value, theirs
// joins the history). Imported statements are marked as coming from the pack: who imported them and when,
// with the original recorder, computer and source kept as words; a statement dated in the future is refused.
// Version 1 packs (one value per field) are read as statements with ids derived from their content.
import { createHash } from 'node:crypto';
import { localDate } from '../../shared/dates/localDate';
import { AppError } from '../../shared/ipc/result';
import { byNewest, deriveField, isUnknownValue, sameValue } from '../../shared/ledger/derive';
import type { Observation, Subject } from '../../shared/ledger/ledgerTypes';
import { sourceText } from '../../shared/ledger/sourceText';
import {
  PACK_FORMAT,
  PACK_VERSION,
  readPolicyPack,
  type PackPayer,
  type PackStatement,
  type PolicyPack,
  type PolicyPackV1,
} from '../../shared/policy/policyPack';
import { isUnknown, PLAN_BENEFIT_FIELDS, POLICY_FIELDS } from '../../shared/policy/policyTypes';
import type { AppDb } from '../db/appDb';
import { findPlanId, listPlanIdsForPayer, listRealPayerIds } from '../db/repositories/packRepo';
import * as payers from '../db/repositories/payerRepo';
import type { Ledger } from '../ledger/ledger';
import { getByUid, listForField, listPlanKnowledge } from '../ledger/ledgerRepo';

export interface PackPreview {
  fileName: string;
  payers: { new: number; existing: number };
  plans: { new: number; existing: number };
  answers: { new: number; changed: number; unchanged: number; conflicting: number };
  /** First 50 conflicts, in words. */
  conflicts: string[];
  issues: Array<{ line: number; field: string; message: string }>;
}

type Decision = 'new' | 'changed' | 'unchanged' | 'conflicting' | 'held';

/** A version 1 pack as statements: ids derived from the content, so importing it twice adds nothing. */
function statementsOfV1(pack: PolicyPackV1): { payers: PackPayer[]; statements: PackStatement[] } {
  const provenance = new Map(pack.provenance.map((p) => [p.key, p]));
  const statements: PackStatement[] = [];
  const add = (
    payer: string,
    plan: PackStatement['plan'],
    code: string,
    field: string,
    value: unknown,
    ref: string | undefined,
  ) => {
    if (isUnknown(value) || ref === undefined) return;
    const p = provenance.get(ref)!;
    const uid = createHash('sha256')
      .update(JSON.stringify([payer.toLowerCase(), plan, code, field, value, p.recordedAt, p.recordedBy]))
      .digest('hex')
      .slice(0, 32);
    statements.push({
      uid,
      payer,
      plan,
      code,
      field,
      value,
      observedOn: p.recordedAt.slice(0, 10),
      recordedAt: p.recordedAt,
      recordedBy: p.recordedBy,
      workstation: 'unknown',
      source: p.source === 'import' ? 'pack' : p.source,
      repName: p.repName,
      referenceNumber: p.referenceNumber,
      sourceDetail: null,
      retracts: null,
    });
  };
  for (const payer of pack.payers) {
    for (const d of payer.defaults)
      for (const field of POLICY_FIELDS)
        add(payer.name, null, d.code, field, d.values[field], d.provenance[field]);
    for (const plan of payer.plans) {
      const named = { name: plan.name, groupNumber: plan.groupNumber };
      for (const field of PLAN_BENEFIT_FIELDS)
        add(payer.name, named, '', field, plan.benefits[field], plan.benefitProvenance[field]);
      for (const p of plan.policies)
        for (const field of POLICY_FIELDS)
          add(payer.name, named, p.code, field, p.values[field], p.provenance[field]);
    }
  }
  return {
    payers: pack.payers.map(({ defaults: _d, plans, ...payer }) => ({
      ...payer,
      plans: plans.map(({ name, groupNumber, employerName, planType, notes }) => ({
        name,
        groupNumber,
        employerName,
        planType,
        notes,
      })),
    })),
    statements,
  };
}

export function createPolicyPackService(deps: {
  db: AppDb;
  now: () => Date;
  actor: () => string;
  ledger: Ledger;
}) {
  const { db, now, actor, ledger } = deps;

  // ---- export ----

  async function exportPack(): Promise<PolicyPack> {
    const names = new Map<number, { payer: string; plan: PackStatement['plan'] }>();
    const packPayers: PackPayer[] = [];
    const payerNames = new Map<number, string>();
    for (const payerId of await listRealPayerIds(db)) {
      const payer = (await payers.getPayer(db, payerId))!;
      payerNames.set(payerId, payer.name);
      const { id: _id, isSample: _s, planCount: _c, updatedAt: _u, ...fields } = payer;
      const plans: PackPayer['plans'] = [];
      for (const planId of await listPlanIdsForPayer(db, payerId)) {
        const row = (await payers.getPlanRow(db, planId))!;
        names.set(planId, { payer: payer.name, plan: { name: row.name, groupNumber: row.groupNumber } });
        plans.push({
          name: row.name,
          groupNumber: row.groupNumber,
          employerName: row.employerName,
          planType: row.planType,
          notes: row.notes,
        });
      }
      packPayers.push({ ...fields, plans });
    }
    const statements: PackStatement[] = (await listPlanKnowledge(db)).map((o) => {
      const where =
        o.subject.kind === 'plan'
          ? names.get(o.subject.id)!
          : { payer: payerNames.get(o.subject.id)!, plan: null };
      return {
        uid: o.uid,
        payer: where.payer,
        plan: where.plan,
        code: o.code,
        field: o.field,
        value: o.value,
        observedOn: o.observedOn,
        recordedAt: o.recordedAt,
        recordedBy: o.recordedBy,
        workstation: o.workstation,
        source: o.source,
        repName: o.repName,
        referenceNumber: o.referenceNumber,
        sourceDetail: o.sourceDetail,
        retracts: o.retracts,
      };
    });
    return {
      format: PACK_FORMAT,
      version: PACK_VERSION,
      exportedAt: now().toISOString(),
      exportedFrom: ledger.workstation,
      payers: packPayers,
      statements,
    };
  }

  // ---- import: one reading for preview and apply ----

  function read(fileName: string, bytes: Uint8Array) {
    const result = readPolicyPack(bytes);
    if (!result.ok) return { issues: result.issues, content: null };
    const content = result.pack.version === 1 ? statementsOfV1(result.pack) : result.pack;
    const issues: PackPreview['issues'] = [];
    const today = localDate(now());
    const stamp = now().toISOString();
    content.statements.forEach((s, i) => {
      if (s.observedOn > today || s.recordedAt > stamp)
        issues.push({
          line: 0,
          field: `statements.${i}`,
          message: `the answer "${s.field}"${s.code ? ` for ${s.code}` : ''} of ${s.payer} is dated in the future (${s.observedOn}); VerifyDesk does not take statements from the future.`,
        });
    });
    void fileName;
    return { issues, content };
  }

  /** The subject a statement is about here, or null when its payer or plan does not exist yet. */
  async function subjectOf(s: PackStatement): Promise<Subject | null> {
    const payerId = await payers.findPayerIdByName(db, s.payer);
    if (payerId === null) return null;
    if (!s.plan) return { kind: 'payer', id: payerId };
    const planId = await findPlanId(db, payerId, s.plan.name, s.plan.groupNumber);
    return planId === null ? null : { kind: 'plan', id: planId };
  }

  /** What taking one statement would do, against what this computer derives for the field now. */
  async function decide(s: PackStatement): Promise<Decision> {
    if (await getByUid(db, s.uid)) return 'held';
    const subject = await subjectOf(s);
    const ours = subject ? await listForField(db, subject, s.field, s.code) : [];
    const derived = deriveField(ours, { today: localDate(now()), windowDays: ledger.windowFor(s.field) });
    if (derived.current === null || isUnknownValue(derived.value))
      return isUnknownValue(s.value) ? 'unchanged' : 'new';
    if (sameValue(derived.value, s.value)) return 'unchanged';
    const theirs = { ...derived.current, observedOn: s.observedOn, recordedAt: s.recordedAt, uid: s.uid };
    return byNewest(theirs, derived.current) < 0 ? 'changed' : 'conflicting';
  }

  async function preview(fileName: string, bytes: Uint8Array): Promise<PackPreview> {
    const { issues, content } = read(fileName, bytes);
    const empty = { new: 0, existing: 0 };
    if (!content || issues.length > 0) {
      return {
        fileName,
        payers: empty,
        plans: empty,
        answers: { new: 0, changed: 0, unchanged: 0, conflicting: 0 },
        conflicts: [],
        issues: issues.map((i) => ({
          ...i,
          message: `${fileName}${i.line ? `, line ${i.line}` : ''}${i.field ? `, ${i.field}` : ''}: ${i.message}`,
        })),
      };
    }
    const counts = { payers: { new: 0, existing: 0 }, plans: { new: 0, existing: 0 } };
    for (const payer of content.payers) {
      const payerId = await payers.findPayerIdByName(db, payer.name);
      counts.payers[payerId === null ? 'new' : 'existing']++;
      for (const plan of payer.plans)
        counts.plans[
          payerId === null || (await findPlanId(db, payerId, plan.name, plan.groupNumber)) === null
            ? 'new'
            : 'existing'
        ]++;
    }
    const answers = { new: 0, changed: 0, unchanged: 0, conflicting: 0 };
    const conflicts: string[] = [];
    for (const s of content.statements) {
      const decision = await decide(s);
      answers[decision === 'held' ? 'unchanged' : decision]++;
      if (decision === 'conflicting' && conflicts.length < 50)
        conflicts.push(
          `${s.payer}${s.plan ? `, ${s.plan.name}` : ' (all plans)'}${s.code ? `, ${s.code}` : ''}: ${s.field} (ours is newer; ours stays, theirs is kept in the history)`,
        );
    }
    return { fileName, ...counts, answers, conflicts, issues: [] };
  }

  async function apply(fileName: string, bytes: Uint8Array): Promise<PackPreview> {
    const summary = await preview(fileName, bytes);
    if (summary.issues.length > 0) {
      throw new AppError('validation', `Nothing was imported. ${summary.issues[0]!.message}`);
    }
    const { content } = read(fileName, bytes);
    const stamp = now().toISOString();
    const importer = actor();
    await db.tx(async () => {
      for (const payer of content!.payers) {
        let payerId = await payers.findPayerIdByName(db, payer.name);
        if (payerId === null) {
          const { plans: _p, ...input } = payer;
          payerId = await payers.insertPayer(db, input, false, stamp);
        }
        for (const plan of payer.plans) {
          if ((await findPlanId(db, payerId, plan.name, plan.groupNumber)) === null)
            await payers.insertPlan(db, { payerId, ...plan }, false, stamp);
        }
      }
      const taken: PackStatement[] = [];
      for (const s of content!.statements) if (!(await getByUid(db, s.uid))) taken.push(s);
      const inPack = new Set(content!.statements.map((s) => s.uid));
      const observations: Observation[] = [];
      for (const s of taken) {
        const original: Observation = {
          uid: s.uid,
          subject: (await subjectOf(s))!,
          code: s.code,
          field: s.field,
          value: s.value,
          observedOn: s.observedOn,
          recordedAt: s.recordedAt,
          recordedBy: s.recordedBy,
          workstation: s.workstation,
          source: s.source,
          callId: null,
          repName: s.repName,
          referenceNumber: s.referenceNumber,
          sourceDetail: s.sourceDetail,
          retracts: null,
        };
        observations.push({
          ...original,
          // Re-sourced: the pack is where it came from here; the original source stays as words.
          source: 'pack',
          recordedBy: importer,
          workstation: ledger.workstation,
          sourceDetail:
            `${fileName}, imported ${localDate(now())}: ${sourceText(original)}; recorded by ${s.recordedBy} at ${s.workstation || 'another computer'}`.slice(
              0,
              500,
            ),
          retracts:
            s.retracts && (inPack.has(s.retracts) || (await getByUid(db, s.retracts))) ? s.retracts : null,
        });
      }
      // Withdrawals after what they withdraw (the reference must exist when the row is written).
      await ledger.append([
        ...observations.filter((o) => !o.retracts),
        ...observations.filter((o) => o.retracts),
      ]);
    });
    return summary;
  }

  return { exportPack, preview, apply };
}

export type PolicyPackService = ReturnType<typeof createPolicyPackService>;
