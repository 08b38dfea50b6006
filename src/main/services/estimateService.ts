// Builds an estimate from what the ledger knows (the plan's answers, the patient's coverage, earlier
// services), the fee schedules and the prior-authorization tracker, runs the pure engine, and adds what a
// person must know before trusting it: answers that are stale, conflicting or never confirmed.
// Saved estimates are immutable snapshots of the request and the result.
import { addDays } from '../../shared/dates/calendar';
import { localDate } from '../../shared/dates/localDate';
import { formatDate } from '../../shared/dates/typedDate';
import { computeEstimate } from '../../shared/estimate/computeEstimate';
import { benefitYearStart } from '../../shared/estimate/frequency';
import type {
  CodePolicy,
  CoverageInput,
  EstimateInput,
  Note,
  PriorAuthInput,
} from '../../shared/estimate/estimateTypes';
import type { EstimateRequest, EstimateView, SavedEstimate } from '../../shared/estimate/estimateViews';
import type { GfeRequest, GfeSnapshot } from '../../shared/estimate/goodFaithEstimate';
import { AppError } from '../../shared/ipc/result';
import type { DerivedField } from '../../shared/ledger/derive';
import { isUnknown } from '../../shared/policy/policyTypes';
import type { Office } from '../../shared/settings/settings';
import type { AppDb } from '../db/appDb';
import type { Db } from '../db/connection';
import { catalogCodeSummary, getIcd10 } from '../db/repositories/catalogRepo';
import * as estimates from '../db/repositories/estimateRepo';
import * as fees from '../db/repositories/feeRepo';
import * as patients from '../db/repositories/patientRepo';
import { getPlanRow } from '../db/repositories/payerRepo';
import { listForPatientPlan, type PriorAuthRow } from '../db/repositories/priorAuthRepo';
import type { Ledger } from '../ledger/ledger';
import { readCoverageKnowledge, readPlanKnowledge, readServiceHistory } from '../ledger/knowledge';

/** How long a printed estimate is good for. */
export const ESTIMATE_VALID_DAYS = 30;

export function maskMemberId(memberId: string): string {
  return memberId.length < 8
    ? '•'.repeat(memberId.length)
    : `${'•'.repeat(memberId.length - 4)}${memberId.slice(-4)}`;
}

export interface EstimateServiceDeps {
  db: AppDb;
  /** This desk's code catalog (summaries, ICD-10 entries). */
  catalog: Db;
  now: () => Date;
  actor: () => string;
  ledger: Ledger;
}

const POLICY_KEYS: Array<keyof CodePolicy> = [
  'covered',
  'coverageBp',
  'category',
  'frequency',
  'ageLimits',
  'alternateCode',
  'medicalFirst',
  'priorAuth',
];

const UNDECIDED = new Set(['submitted', 'more_info', 'appeal']);

/**
 * The request the estimate should rely on for a code: an approval first (the one covering the date of
 * service if several), then one waiting for a decision, then a denial. A request not yet sent counts as
 * none. With none for the code, an approval naming another code is reported as such.
 */
function priorAuthFor(code: string, serviceDate: string, rows: PriorAuthRow[]): PriorAuthInput | undefined {
  const mine = rows.filter((r) => r.code === code);
  const approved = mine.filter((r) => r.status === 'approved' || r.status === 'expired');
  const covering = approved.find(
    (r) =>
      (r.validFrom === null || r.validFrom <= serviceDate) &&
      (r.validTo === null || serviceDate <= r.validTo),
  );
  const pick = (r: PriorAuthRow, status: PriorAuthInput['status']): PriorAuthInput => ({
    status,
    authNumber: r.authNumber,
    validFrom: r.validFrom,
    validTo: r.validTo,
    forCode: r.code,
  });
  const best = covering ?? approved[0];
  if (best) return pick(best, 'approved');
  const waiting = mine.find((r) => UNDECIDED.has(r.status));
  if (waiting) return pick(waiting, 'pending');
  const denied = mine.find((r) => r.status === 'denied');
  if (denied) return pick(denied, 'denied');
  if (mine.length > 0) return undefined; // this code's own request is not sent yet
  const elsewhere = rows.find((r) => r.code !== code && r.status === 'approved');
  return elsewhere ? pick(elsewhere, 'other_code') : undefined;
}

export function createEstimateService({ db, catalog, now, actor, ledger }: EstimateServiceDeps) {
  async function compute(request: EstimateRequest): Promise<EstimateView> {
    const patient = await patients.getPatientRow(db, request.patientId);
    if (!patient) throw new AppError('not_found', 'That patient record no longer exists.');
    const officeFees = Object.fromEntries((await fees.listOfficeFees(db)).map((f) => [f.code, f.cents]));
    const codes = [...new Set(request.lines.map((l) => l.code))];

    const lines = request.lines.map((l, i) => {
      const feeCents = l.feeCents ?? officeFees[l.code];
      if (feeCents === undefined) {
        throw new AppError(
          'validation',
          `There is no office fee for ${l.code}: type the fee, or add it to the fee schedule.`,
          `lines.${i}.feeCents`,
        );
      }
      return { id: `line-${i + 1}`, code: l.code, tooth: l.tooth, feeCents, serviceDate: l.serviceDate };
    });
    const firstVisit = lines.map((l) => l.serviceDate).sort()[0]!;

    const coverageRows = request.selfPay ? [] : await patients.listCoverageRows(db, patient.id);
    const extraFlags = new Map<string, Note[]>();
    const flagAll = (note: Note) => {
      for (const code of codes) extraFlags.set(code, [...(extraFlags.get(code) ?? []), note]);
    };
    const coverageMeta: EstimateView['coverages'] = [];
    const coverages: CoverageInput[] = [];
    for (const c of coverageRows) {
      const plan = (await getPlanRow(db, c.planId))!;
      // The screen and printout name the payer beside each coverage; notes only say which one.
      const label = c.ordinal === 1 ? 'Primary plan' : 'Secondary plan';
      const knowledge = await readPlanKnowledge(ledger, plan.id, plan.payerId);
      const facts = await readCoverageKnowledge(ledger, c.id);
      const benefits = knowledge.benefitValues();
      const codePolicies: Record<string, CodePolicy> = {};
      for (const code of codes) {
        const values = knowledge.policyValues(code);
        codePolicies[code] = Object.fromEntries(
          POLICY_KEYS.map((k) => [k, values[k]]),
        ) as unknown as CodePolicy;
        const cells = POLICY_KEYS.map((k) => [k, knowledge.policy(code, k)] as const).filter(
          ([, cell]) => !isUnknown(cell.value),
        );
        const conflicting = cells.filter(([, cell]) => cell.status === 'conflict');
        const stale = cells.filter(([, cell]) => cell.status === 'stale');
        const list = extraFlags.get(code) ?? [];
        if (conflicting.length > 0)
          list.push({
            code: 'conflict',
            text: `${label}: reps gave different answers for ${code}; confirm before relying on this estimate.`,
          });
        if (stale.length > 0)
          list.push({
            code: 'stale',
            text: `${label}: answers for ${code} are older than ${ledger.windowFor('coverageBp')} days; re-verify.`,
          });
        extraFlags.set(code, list);
      }

      // What the patient has used and met, for the benefit year of the visit: a statement from an
      // earlier benefit year says nothing about this one (the maximum and deductible start again).
      const startMonth = benefits.benefitYearStartMonth;
      const visitYear = startMonth === null ? null : benefitYearStart(firstVisit, startMonth);
      const thisYear = (field: DerivedField): { value: number | null; reset: boolean } => {
        if (isUnknown(field.value) || !field.current) return { value: null, reset: false };
        if (visitYear !== null && benefitYearStart(field.current.observedOn, startMonth!) < visitYear)
          return { value: 0, reset: true };
        return { value: field.value as number, reset: false };
      };
      const used = facts.field('maxUsedCents');
      const left = facts.field('maxRemainingCents');
      const leftIsNewer =
        left.current !== null &&
        (used.current === null ||
          left.current.observedOn > used.current.observedOn ||
          (left.current.observedOn === used.current.observedOn &&
            left.current.recordedAt > used.current.recordedAt));
      let maxUsed = thisYear(used);
      if (leftIsNewer && benefits.annualMaxCents !== null) {
        const fromLeft = thisYear(left);
        maxUsed =
          fromLeft.reset || fromLeft.value === null
            ? fromLeft
            : { value: Math.max(0, benefits.annualMaxCents - fromLeft.value), reset: false };
      }
      const deductibleMet = thisYear(facts.field('deductibleMetCents'));
      if ((maxUsed.reset || deductibleMet.reset) && visitYear !== null)
        flagAll({
          code: 'benefit_year_reset',
          text: `${label}: a new benefit year starts ${formatDate(visitYear)}, before the visit; the full maximum and deductible are assumed.`,
        });

      // The plan's allowed fee: the rep's word or the fee schedule, whichever is newer.
      const schedule = new Map((await fees.listPlanFees(db, plan.id)).map((f) => [f.code, f]));
      const allowedFees: Record<string, number> = {};
      for (const code of new Set([...codes, ...schedule.keys()])) {
        const said = knowledge.allowedFee(code);
        const filed = schedule.get(code);
        const saidDay = said.current?.observedOn ?? null;
        if (!isUnknown(said.value) && (!filed || saidDay! >= localDate(new Date(filed.updatedAt))))
          allowedFees[code] = said.value as number;
        else if (filed) allowedFees[code] = filed.cents;
      }

      const requests = await listForPatientPlan(db, patient.id, plan.id);
      const priorAuth: Record<string, PriorAuthInput> = {};
      const nextEligible: Record<string, string> = {};
      for (const line of lines) {
        const pa = priorAuthFor(line.code, line.serviceDate, requests);
        if (pa) priorAuth[line.code] = pa;
        const eligible = facts.field('nextEligibleOn', line.code).value;
        if (typeof eligible === 'string') nextEligible[line.code] = eligible;
      }

      // Last verified: the newest answer someone here recorded about this plan or coverage (a call, a file,
      // a person's entry); a pack from elsewhere or a value from before the ledger is not a verification.
      const payerDays = [
        ...knowledge.observations(),
        ...(await ledger.grouped({ kind: 'coverage', id: c.id })).values(),
      ]
        .flat()
        .filter((o) => !['pack', 'sample', 'before_ledger'].includes(o.source))
        .map((o) => o.observedOn)
        .sort();
      coverageMeta.push({
        ordinal: c.ordinal,
        label,
        payerName: plan.payerName,
        planName: plan.name,
        planType: plan.planType,
        memberIdMasked: maskMemberId(c.memberId),
        lastVerified: payerDays.at(-1) ?? null,
      });
      const effective = facts.field('effectiveDate').value;
      const terminates = facts.field('terminationDate').value;
      coverages.push({
        ordinal: c.ordinal,
        label,
        planType: plan.planType,
        benefits,
        effectiveDate: typeof effective === 'string' ? effective : null,
        terminationDate: typeof terminates === 'string' ? terminates : null,
        maxUsedCents: maxUsed.value,
        deductibleMetCents: deductibleMet.value,
        familyMaxCents: null,
        familyMaxUsedCents: null,
        familyDeductibleMetCents: null,
        allowedFees,
        policies: codePolicies,
        priorAuth,
        nextEligible,
      });
    }

    const input: EstimateInput = {
      patientDob: patient.dob,
      lines,
      officeFees,
      coverages,
      history: (await readServiceHistory(ledger, patient.id)).map((h) => ({
        code: h.code,
        serviceDate: h.value.date,
      })),
    };
    const result = computeEstimate(input);
    const notVerified: Note[] = coverageMeta
      .filter((c) => c.lastVerified === null)
      .map((c) => ({ code: 'not_verified', text: `${c.label}: benefits have never been verified.` }));
    return {
      patient: {
        id: patient.id,
        name: `${patient.firstName} ${patient.lastName}`,
        preferredLanguage: patient.preferredLanguage,
      },
      coverages: coverageMeta.sort((a, b) => a.ordinal - b.ordinal),
      lines: result.lines.map((l) => ({
        ...l,
        summary: catalogCodeSummary(catalog, l.code) ?? '',
        serviceDate: lines.find((x) => x.id === l.id)!.serviceDate,
        flags: [...l.flags, ...(extraFlags.get(l.code) ?? []), ...notVerified],
      })),
      totals: result.totals,
      coverageTotals: result.coverages,
      selfPay: request.selfPay || coverageRows.length === 0,
    };
  }

  return {
    compute,
    async save(request: EstimateRequest): Promise<SavedEstimate> {
      const view = await compute(request);
      const createdAt = now().toISOString();
      const validUntil = addDays(localDate(now()), ESTIMATE_VALID_DAYS);
      const id = await db.tx(() =>
        estimates.insertEstimate(db, {
          patientId: request.patientId,
          createdAt,
          createdBy: actor(),
          validUntil,
          request,
          view,
        }),
      );
      return get(id);
    },
    get,

    /** Issues a Good Faith Estimate: validated, priced from the office fees, frozen with the provider details. */
    async issueGoodFaithEstimate(request: GfeRequest, office: Office): Promise<GfeSnapshot> {
      const patient = await patients.getPatientRow(db, request.patientId);
      if (!patient) throw new AppError('not_found', 'That patient record no longer exists.');
      const missing = (['name', 'npi', 'tin', 'addressLine1'] as const).find((k) => office[k].trim() === '');
      if (missing) {
        throw new AppError(
          'validation',
          'A Good Faith Estimate must name the provider: fill in the practice name, address, NPI and TIN in Settings first.',
        );
      }
      const officeFees = Object.fromEntries((await fees.listOfficeFees(db)).map((f) => [f.code, f.cents]));
      const items = request.items.map((item, i) => {
        const expected = item.feeCents ?? officeFees[item.code];
        if (expected === undefined) {
          throw new AppError(
            'validation',
            `There is no office fee for ${item.code}: type the fee.`,
            `items.${i}.feeCents`,
          );
        }
        const diagnoses = item.diagnosisCodes.map((dx) => {
          const entry = getIcd10(catalog, dx);
          if (entry && !entry.billable) {
            throw new AppError(
              'validation',
              `${dx} is a category, not a billable diagnosis code. ${entry.note ?? ''}`.trim(),
              `items.${i}.diagnosisCodes`,
            );
          }
          return { code: dx, title: entry?.title ?? null };
        });
        return { code: item.code, diagnosisCodes: item.diagnosisCodes, diagnoses, expectedCents: expected };
      });
      const issuedAt = now().toISOString();
      const snapshot: Omit<GfeSnapshot, 'id'> = {
        issuedOn: localDate(now()),
        issuedBy: actor(),
        language: patient.preferredLanguage,
        patient: { name: `${patient.firstName} ${patient.lastName}`, dob: patient.dob },
        provider: {
          name: office.name,
          npi: office.npi,
          tin: office.tin,
          address: [office.addressLine1, office.addressLine2].filter(Boolean).join(', '),
          phone: office.phone,
        },
        primaryService: request.primaryService,
        scheduledDate: request.scheduledDate,
        items,
        totalCents: items.reduce((sum, item) => sum + item.expectedCents, 0),
      };
      const id = await db.tx(() => estimates.insertGoodFaithEstimate(db, patient.id, issuedAt, snapshot));
      return getGoodFaithEstimate(id);
    },

    getGoodFaithEstimate,
  };

  async function getGoodFaithEstimate(id: number): Promise<GfeSnapshot> {
    const gfe = await estimates.getGoodFaithEstimate(db, id);
    if (!gfe) throw new AppError('not_found', 'That Good Faith Estimate does not exist.');
    return gfe;
  }

  async function get(id: number): Promise<SavedEstimate> {
    const saved = await estimates.getEstimate(db, id);
    if (!saved) throw new AppError('not_found', 'That saved estimate does not exist.');
    return saved;
  }
}

export type EstimateService = ReturnType<typeof createEstimateService>;
