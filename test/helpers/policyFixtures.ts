import type { CoverageInput, PayerInput, PatientInput, PlanInput } from '../../src/shared/policy/policyViews';

export const payerInput = (name = 'Fictional Dental Mutual (sample)'): PayerInput => ({
  name,
  electronicPayerId: '99999',
  phoneBenefits: '555-0100',
  phonePriorAuth: null,
  phoneMedical: null,
  phoneProviderServices: null,
  portalUrl: null,
  fax: null,
  claimsAddress: null,
  notes: null,
  sendsInvertedCoinsurance: 'unknown',
});

export const planInput = (payerId: number, name = 'Fictional PPO Gold'): PlanInput => ({
  payerId,
  name,
  groupNumber: 'GRP-TEST-42',
  employerName: 'Synthetic Employer Inc.',
  planType: 'ppo',
  notes: null,
});

export const patientInput = (over: Partial<PatientInput> = {}): PatientInput => ({
  firstName: 'Mrkfirst',
  lastName: 'Qzxlast',
  dob: '1970-01-02',
  preferredLanguage: 'en',
  phone: null,
  ...over,
});

export const coverageInput = (
  patientId: number,
  planId: number,
  over: Partial<CoverageInput> = {},
): CoverageInput => ({
  patientId,
  planId,
  ordinal: 1,
  memberId: 'MRK987654321',
  subscriberName: 'Mrkfirst Qzxlast',
  subscriberDob: '1970-01-02',
  relationship: 'self',
  effectiveDate: '2025-01-01',
  terminationDate: null,
  maxUsedCents: null,
  maxUsedStatedOn: null,
  deductibleMetCents: null,
  deductibleMetStatedOn: null,
  ...over,
});
