// Builds an estimate from what the store knows (coverages, plan answers, fees, history), runs the pure
// engine, and adds what a person must know before trusting it: stale or never-confirmed answers.
// Saved estimates are immutable snapshots of the request and the result.
import { addDays } from '../../shared/dates/calendar';
import { localDate } from '../../shared/dates/localDate';
import { computeEstimate } from '../../shared/estimate/computeEstimate';
import type { CodePolicy, CoverageInput, EstimateInput, Note } from '../../shared/estimate/estimateTypes';
import type { EstimateRequest, EstimateView, SavedEstimate } from '../../shared/estimate/estimateViews';
import type { GfeRequest, GfeSnapshot } from '../../shared/estimate/goodFaithEstimate';
import { AppError } from '../../shared/ipc/result';
import type { Office } from '../../shared/settings/settings';
import {
  isUnknown,
  UNKNOWN_BENEFITS,
  UNKNOWN_POLICY,
  type PlanBenefits,
  type Provenance,
} from '../../shared/policy/policyTypes';
import { recordedOn } from '../../shared/policy/staleness';
import type { Db } from '../db/connection';
import { catalogCodeSummary, getIcd10 } from '../db/repositories/catalogRepo';
import * as estimates from '../db/repositories/estimateRepo';
import * as fees from '../db/repositories/feeRepo';
import * as patients from '../db/repositories/patientRepo';
import { getPlanRow } from '../db/repositories/payerRepo';
import * as policies from '../db/repositories/policyRepo';
import { getProvenances, type ProvenanceMap } from '../db/repositories/provenanceRepo';

/** How long a printed estimate is good for. */
export const ESTIMATE_VALID_DAYS = 30;

export function maskMemberId(memberId: string): string {
  return memberId.length < 8
    ? '•'.repeat(memberId.length)
    : `${'•'.repeat(memberId.length - 4)}${memberId.slice(-4)}`;
}

export interface EstimateServiceDeps {
  db: Db;
  now: () => Date;
  actor: () => string;
  staleAfterDays: () => number;
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

export function createEstimateService({ db, now, actor, staleAfterDays }: EstimateServiceDeps) {
  function compute(request: EstimateRequest): EstimateView {
    const patient = patients.getPatientRow(db, request.patientId);
    if (!patient) throw new AppError('not_found', 'That patient record no longer exists.');
    const today = localDate(now());
    const officeFees = Object.fromEntries(fees.listOfficeFees(db).map((f) => [f.code, f.cents]));
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

    const coverageRows = request.selfPay ? [] : patients.listCoverageRows(db, patient.id);
    const extraFlags = new Map<string, Note[]>();
    const coverageMeta: EstimateView['coverages'] = [];
    const coverages: CoverageInput[] = coverageRows.map((c) => {
      const plan = getPlanRow(db, c.planId)!;
      // The screen and printout name the payer beside each coverage; notes only say which one.
      const label = c.ordinal === 1 ? 'Primary plan' : 'Secondary plan';
      const benefits = { ...UNKNOWN_BENEFITS, ...(JSON.parse(plan.benefitsJson) as Partial<PlanBenefits>) };
      const own = policies.listPlanPolicies(db, plan.id);
      const defaults = policies.listPayerDefaults(db, plan.payerId);
      const provenanceIds = [
        ...Object.values(JSON.parse(plan.provenanceJson) as ProvenanceMap),
        ...[...own.values(), ...defaults.values()].flatMap((p) => Object.values(p.provenance)),
      ];
      const provenance = getProvenances(db, provenanceIds);
      const codePolicies: Record<string, CodePolicy> = {};
      for (const code of codes) {
        const mine = own.get(code);
        const fallback = defaults.get(code);
        const merged = { ...UNKNOWN_POLICY } as Record<string, unknown>;
        const stale: string[] = [];
        for (const key of POLICY_KEYS) {
          const source =
            mine && !isUnknown(mine.values[key])
              ? mine
              : fallback && !isUnknown(fallback.values[key])
                ? fallback
                : null;
          if (!source) continue;
          merged[key] = source.values[key];
          const p = provenance.get(source.provenance[key] ?? -1);
          if (!p || isStale(p, today)) stale.push(key);
        }
        codePolicies[code] = merged as unknown as CodePolicy;
        if (stale.length > 0) {
          const list = extraFlags.get(code) ?? [];
          list.push({
            code: 'stale',
            text: `${label}: answers for ${code} are older than ${staleAfterDays()} days; re-verify.`,
          });
          extraFlags.set(code, list);
        }
      }
      const dates = [...provenance.values()].map((p) => recordedOn(p)).sort();
      coverageMeta.push({
        ordinal: c.ordinal,
        label,
        payerName: plan.payerName,
        planName: plan.name,
        planType: plan.planType,
        memberIdMasked: maskMemberId(c.memberId),
        lastVerified: dates.at(-1) ?? null,
      });
      return {
        ordinal: c.ordinal,
        label,
        planType: plan.planType,
        benefits,
        effectiveDate: c.effectiveDate,
        terminationDate: c.terminationDate,
        maxUsedCents: c.maxUsedCents,
        deductibleMetCents: c.deductibleMetCents,
        familyMaxCents: null,
        familyMaxUsedCents: null,
        familyDeductibleMetCents: null,
        allowedFees: Object.fromEntries(fees.listPlanFees(db, plan.id).map((f) => [f.code, f.cents])),
        policies: codePolicies,
        priorAuth: {},
      };
    });

    const input: EstimateInput = {
      patientDob: patient.dob,
      lines,
      officeFees,
      coverages,
      history: patients
        .listServiceHistory(db, patient.id)
        .map((h) => ({ code: h.code, serviceDate: h.serviceDate })),
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
        summary: catalogCodeSummary(db, l.code) ?? '',
        serviceDate: lines.find((x) => x.id === l.id)!.serviceDate,
        flags: [...l.flags, ...(extraFlags.get(l.code) ?? []), ...notVerified],
      })),
      totals: result.totals,
      coverageTotals: result.coverages,
      selfPay: request.selfPay || coverageRows.length === 0,
    };
  }

  function isStale(p: Provenance, today: string): boolean {
    return addDays(recordedOn(p), staleAfterDays()) < today;
  }

  return {
    compute,
    save(request: EstimateRequest): SavedEstimate {
      const view = compute(request);
      const createdAt = now().toISOString();
      const validUntil = addDays(localDate(now()), ESTIMATE_VALID_DAYS);
      const id = db.transaction(() =>
        estimates.insertEstimate(db, {
          patientId: request.patientId,
          createdAt,
          createdBy: actor(),
          validUntil,
          request,
          view,
        }),
      )();
      return get(id);
    },
    get,

    /** Issues a Good Faith Estimate: validated, priced from the office fees, frozen with the provider details. */
    issueGoodFaithEstimate(request: GfeRequest, office: Office): GfeSnapshot {
      const patient = patients.getPatientRow(db, request.patientId);
      if (!patient) throw new AppError('not_found', 'That patient record no longer exists.');
      const missing = (['name', 'npi', 'tin', 'addressLine1'] as const).find((k) => office[k].trim() === '');
      if (missing) {
        throw new AppError(
          'validation',
          'A Good Faith Estimate must name the provider: fill in the practice name, address, NPI and TIN in Settings first.',
        );
      }
      const officeFees = Object.fromEntries(fees.listOfficeFees(db).map((f) => [f.code, f.cents]));
      const items = request.items.map((item, i) => {
        const expected = item.feeCents ?? officeFees[item.code];
        if (expected === undefined) {
          throw new AppError(
            'validation',
            `There is no office fee for ${item.code}: type the fee.`,
            `items.${i}.feeCents`,
          );
        }
        for (const dx of item.diagnosisCodes) {
          const entry = getIcd10(db, dx);
          if (entry && !entry.billable) {
            throw new AppError(
              'validation',
              `${dx} is a category, not a billable diagnosis code. ${entry.note ?? ''}`.trim(),
              `items.${i}.diagnosisCodes`,
            );
          }
        }
        return { code: item.code, diagnosisCodes: item.diagnosisCodes, expectedCents: expected };
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
      const id = db.transaction(() =>
        estimates.insertGoodFaithEstimate(db, patient.id, issuedAt, snapshot),
      )();
      return getGoodFaithEstimate(id);
    },

    getGoodFaithEstimate,
  };

  function getGoodFaithEstimate(id: number): GfeSnapshot {
    const gfe = estimates.getGoodFaithEstimate(db, id);
    if (!gfe) throw new AppError('not_found', 'That Good Faith Estimate does not exist.');
    return gfe;
  }

  function get(id: number): SavedEstimate {
    const saved = estimates.getEstimate(db, id);
    if (!saved) throw new AppError('not_found', 'That saved estimate does not exist.');
    return saved;
  }
}

export type EstimateService = ReturnType<typeof createEstimateService>;
