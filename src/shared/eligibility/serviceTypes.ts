// X12 code values the eligibility reader shows in words (our own short labels; the codes are the
// guide's, republished widely) and how 271 service types map to VerifyDesk's benefit categories.
import type { Category } from '../policy/policyTypes';

export const SERVICE_TYPE_LABELS: Record<string, string> = {
  '1': 'medical care',
  '4': 'diagnostic X-ray',
  '5': 'diagnostic lab',
  '23': 'diagnostic dental',
  '24': 'periodontics',
  '25': 'restorative',
  '26': 'endodontics',
  '27': 'maxillofacial prosthetics',
  '28': 'adjunctive dental services',
  '30': 'health benefit plan coverage',
  '32': 'plan waiting period',
  '35': 'dental care',
  '36': 'dental crowns',
  '37': 'dental accident',
  '38': 'orthodontics',
  '39': 'prosthodontics',
  '40': 'oral surgery',
  '41': 'routine (preventive) dental',
  '62': 'MRI/CAT scan',
  '73': 'diagnostic medical',
};

export const serviceTypeWords = (code: string) =>
  SERVICE_TYPE_LABELS[code] ? `${SERVICE_TYPE_LABELS[code]} (${code})` : `service type ${code}`;

/**
 * Dental service types -> our categories. Diagnostic X-ray (4) is what the imaging codes follow, so it
 * decides "Diagnostic"; diagnostic dental (23, exams) counts only when the file gives no X-ray line.
 * Periodontics, endodontics, adjunctive services and orthodontics are basic at some plans and major at
 * others, and dental care (35) is the whole plan: none of them is mapped (shown, not recorded).
 */
export const DENTAL_CATEGORY: Record<string, { category: Category; rank: number }> = {
  '4': { category: 'diagnostic', rank: 1 },
  '23': { category: 'diagnostic', rank: 2 },
  '41': { category: 'preventive', rank: 1 },
  '25': { category: 'basic', rank: 1 },
  '36': { category: 'major', rank: 1 },
  '39': { category: 'major', rank: 2 },
  '40': { category: 'oral_surgery', rank: 1 },
};

/**
 * On a medical plan, what the medical-plan call asks ("what does the plan pay for outpatient imaging")
 * is answered by MRI/CAT scan (62), else diagnostic X-ray (4), else diagnostic medical (73).
 */
export const MEDICAL_IMAGING_RANK: Record<string, number> = { '62': 1, '4': 2, '73': 3 };

export const BENEFIT_INFO_LABELS: Record<string, string> = {
  '1': 'Active coverage',
  '2': 'Active coverage, full-risk capitation',
  '3': 'Active coverage, services capitated',
  '4': 'Active coverage, capitated to the primary care provider',
  '5': 'Active coverage, pending investigation',
  '6': 'Inactive',
  '7': 'Inactive, pending eligibility update',
  '8': 'Inactive, pending investigation',
  A: 'Co-insurance',
  B: 'Co-payment',
  C: 'Deductible',
  CB: 'Coverage basis',
  D: 'Benefit description',
  E: 'Exclusions',
  F: 'Limitations',
  G: 'Out of pocket (stop loss)',
  H: 'Unlimited',
  I: 'Not covered',
  J: 'Cost containment',
  K: 'Reserve',
  L: 'Primary care provider',
  M: 'Pre-existing condition',
  MC: 'Managed care coordinator',
  N: 'Services restricted to a provider',
  O: 'Not deemed a medical necessity',
  P: 'Benefit disclaimer',
  Q: 'Second surgical opinion required',
  R: 'Other or additional payer',
  S: 'Prior year(s) history',
  T: 'Card reported lost or stolen',
  U: 'Contact the following entity for benefit information',
  V: 'Cannot process',
  W: 'Other source of data',
  X: 'Health care facility',
  Y: 'Spend down',
};

export const ACTIVE_INFO = ['1', '2', '3', '4', '5'];
export const INACTIVE_INFO = ['6', '7', '8'];

/** EB04 insurance types that say which kind of plan it is. */
export const PLAN_TYPE_OF_INSURANCE: Record<
  string,
  'ppo' | 'dhmo' | 'indemnity' | 'medicaid' | 'medicare_advantage'
> = { PR: 'ppo', HM: 'dhmo', IN: 'indemnity', MC: 'medicaid', HN: 'medicare_advantage' };

export const INSURANCE_TYPE_LABELS: Record<string, string> = {
  PR: 'PPO',
  HM: 'HMO',
  EP: 'EPO',
  IN: 'indemnity',
  C1: 'commercial',
  MC: 'Medicaid',
  MA: 'Medicare Part A',
  MB: 'Medicare Part B',
  HN: 'Medicare HMO',
  GP: 'group policy',
  SP: 'supplemental',
  POS: 'point of service',
};

export const PERIOD_LABELS: Record<string, string> = {
  '6': 'per hour',
  '7': 'per day',
  '13': 'per 24 hours',
  '21': 'per year',
  '22': 'per service year',
  '23': 'per calendar year',
  '24': 'year to date',
  '25': 'per contract',
  '26': 'per episode',
  '27': 'per visit',
  '29': 'remaining',
  '30': 'exceeded',
  '31': 'not exceeded',
  '32': 'lifetime',
  '33': 'lifetime remaining',
  '34': 'per month',
  '35': 'per week',
  '36': 'per admission',
};

export const LEVEL_LABELS: Record<string, string> = {
  IND: 'individual',
  FAM: 'family',
  EMP: 'employee only',
  ESP: 'employee and spouse',
  ECH: 'employee and children',
  SPC: 'spouse and children',
  SPO: 'spouse only',
  CHD: 'children only',
  DEP: 'dependents only',
};

export const ENTITY_ROLE_LABELS: Record<string, string> = {
  PR: 'payer',
  PRP: 'primary payer',
  SEP: 'secondary payer',
  TTP: 'tertiary payer',
  P3: 'primary care provider',
  '1P': 'provider',
  X3: 'utilization management organization',
  VN: 'vendor',
  GP: 'gateway provider',
};

/** AAA03 reject reasons, our own short words. */
export const REJECT_REASONS: Record<string, string> = {
  '04': 'authorized quantity exceeded',
  '15': 'required application data missing',
  '33': 'input errors',
  '35': 'out of network',
  '41': 'authorization or access restrictions',
  '42': 'the payer cannot respond now (system unavailable)',
  '43': 'invalid or missing provider ID',
  '45': 'invalid or missing provider specialty',
  '47': 'invalid or missing provider state',
  '48': 'invalid or missing referring provider ID',
  '49': 'provider is not the primary care provider',
  '51': 'provider not on file',
  '52': 'service dates outside the provider’s plan enrollment',
  '53': 'benefit asked for does not fit the provider type',
  '54': 'wrong product or service ID qualifier',
  '55': 'wrong product or service ID',
  '56': 'inappropriate date',
  '57': 'invalid or missing date of service',
  '58': 'invalid or missing date of birth',
  '60': 'birth date after the date of service',
  '61': 'death date before the date of service',
  '62': 'date of service outside the period that can be asked about',
  '63': 'date of service in the future',
  '69': 'does not fit the patient’s age',
  '70': 'does not fit the patient’s gender',
  '71': 'birth date does not match the payer’s record',
  '72': 'invalid or missing member ID',
  '73': 'invalid or missing subscriber name',
  '74': 'invalid or missing subscriber gender',
  '75': 'subscriber not found',
  '76': 'duplicate subscriber ID',
  '78': 'subscriber not in the group or plan named',
  '79': 'invalid participant identification',
  '98': 'experimental service or procedure',
  AA: 'authorization number not found',
  AE: 'needs the primary care provider’s authorization',
  AF: 'invalid or missing diagnosis codes',
  AG: 'invalid or missing procedure codes',
  AO: 'more information on the patient’s condition needed',
  CI: 'certification information does not match the patient',
  E8: 'needs medical review',
  IA: 'invalid authorization number format',
  MA: 'missing authorization',
};

export const FOLLOW_UP: Record<string, string> = {
  C: 'correct the request and send it again',
  N: 'do not send it again',
  R: 'it may be sent again',
  S: 'do not send it again; the payer asked a third party',
  W: 'wait 30 days and send it again',
  X: 'wait 10 days and send it again',
  Y: 'do not send it again; the payer will pass it on',
};

export function rejectionWords(r: { reason: string; followUp: string }): string {
  const reason = REJECT_REASONS[r.reason] ?? `reason code ${r.reason || 'not given'}`;
  const follow = FOLLOW_UP[r.followUp];
  return `${reason.charAt(0).toUpperCase()}${reason.slice(1)} (${r.reason || '–'})${follow ? `: ${follow}` : ''}.`;
}
