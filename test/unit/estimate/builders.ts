// Small builders for estimate inputs: a fully known in-network PPO by default, changed per case.
import type {
  CodePolicy,
  CoverageInput,
  EstimateInput,
  EstimateLineInput,
} from '../../../src/shared/estimate/estimateTypes';
import { UNKNOWN_BENEFITS, type PlanBenefits } from '../../../src/shared/policy/policyTypes';

export const policy = (over: Partial<CodePolicy> = {}): CodePolicy => ({
  covered: 'yes',
  coverageBp: null,
  category: 'diagnostic',
  frequency: null,
  ageLimits: null,
  alternateCode: null,
  medicalFirst: 'no',
  priorAuth: 'not_required',
  ...over,
});

export const benefits = (over: Partial<PlanBenefits> = {}): PlanBenefits => ({
  ...UNKNOWN_BENEFITS,
  networkStatus: 'in_network',
  benefitYearStartMonth: 1,
  annualMaxCents: 1_000_000,
  deductibleIndividualCents: 0,
  deductibleFamilyCents: null,
  deductibleWaivedCategories: [],
  coverageByCategory: {
    diagnostic: 5000,
    preventive: 10000,
    basic: 8000,
    major: 5000,
    oral_surgery: 8000,
    other: 5000,
  },
  waitingPeriods: {},
  cobMethod: 'standard',
  ...over,
});

export const coverage = (over: Partial<CoverageInput> = {}): CoverageInput => ({
  ordinal: 1,
  label: 'Primary plan',
  planType: 'ppo',
  benefits: benefits(),
  effectiveDate: '2020-01-01',
  terminationDate: null,
  maxUsedCents: 0,
  deductibleMetCents: 0,
  familyMaxCents: null,
  familyMaxUsedCents: null,
  familyDeductibleMetCents: null,
  allowedFees: {},
  policies: { D0367: policy() },
  priorAuth: {},
  nextEligible: {},
  ...over,
});

export const line = (over: Partial<EstimateLineInput> = {}): EstimateLineInput => ({
  id: 'l1',
  code: 'D0367',
  tooth: null,
  feeCents: 120_000,
  serviceDate: '2026-12-01',
  ...over,
});

export const input = (over: Partial<EstimateInput> = {}): EstimateInput => ({
  patientDob: '1980-06-15',
  lines: [line()],
  officeFees: {},
  coverages: [coverage()],
  history: [],
  ...over,
});
