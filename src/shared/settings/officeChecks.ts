// The office header's numbers checked the way their issuers define them, and whether the header is
// complete enough to print: a printout never carries a placeholder office.
import type { Office } from './settings';

/**
 * National Provider Identifier: 10 digits whose last is a Luhn check digit computed over the first nine
 * with the prefix 80840 in front (the CMS rule for NPIs), so a mistyped digit is caught.
 */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  const base = `80840${npi.slice(0, 9)}`;
  let sum = 0;
  // Luhn: from the rightmost digit of the base, double every other digit (the first one doubled).
  for (let i = 0; i < base.length; i++) {
    let digit = Number(base[base.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return (10 - (sum % 10)) % 10 === Number(npi[9]);
}

/** The NPI as typed, with spaces and dashes dropped (people copy it from letters in groups). */
export const normaliseNpi = (typed: string) => typed.replace(/[\s-]/g, '');

/**
 * The practice's Taxpayer Identification Number as printed on claims and Good Faith Estimates: an
 * Employer Identification Number, two digits, a dash, seven digits. Nine digits typed without the dash
 * are written with it.
 */
export function normaliseTin(typed: string): string {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{9}$/.test(digits) ? `${digits.slice(0, 2)}-${digits.slice(2)}` : typed.trim();
}

/** An EIN is never 00-: no IRS campus issues that prefix. */
export const isValidTin = (tin: string) => /^\d{2}-\d{7}$/.test(tin) && !tin.startsWith('00');

export const NPI_MESSAGE =
  'This NPI fails its check digit: one of the 10 digits is wrong. Copy it from the NPPES registry or a claim.';
export const TIN_MESSAGE = 'Write the TIN (the practice’s EIN) as 12-3456789.';

/** Which fields a printout needs before it can name the office. */
export const OFFICE_REQUIRED: ReadonlyArray<keyof Office> = [
  'name',
  'addressLine1',
  'addressLine2',
  'phone',
  'npi',
  'tin',
];

export const OFFICE_LABELS: Record<keyof Office, string> = {
  name: 'Practice name',
  addressLine1: 'Street address',
  addressLine2: 'City, state, ZIP',
  phone: 'Phone',
  npi: 'NPI',
  tin: 'TIN',
};

const MISSING: Record<keyof Office, string> = {
  name: 'Fill in the practice’s name as patients know it.',
  addressLine1: 'Fill in the street address.',
  addressLine2: 'Fill in the city, state and ZIP.',
  phone: 'Fill in the phone number patients call.',
  npi: 'Fill in the practice’s NPI (10 digits).',
  tin: 'Fill in the practice’s TIN, like 12-3456789.',
};

/** What the office header still lacks, per field, in the words shown beside it; empty when complete. */
export function officeProblems(office: Office): Partial<Record<keyof Office, string>> {
  const problems: Partial<Record<keyof Office, string>> = {};
  for (const key of OFFICE_REQUIRED) {
    if (office[key].trim() === '') problems[key] = MISSING[key];
  }
  if (!problems.npi && !isValidNpi(office.npi)) problems.npi = NPI_MESSAGE;
  if (!problems.tin && !isValidTin(office.tin)) problems.tin = TIN_MESSAGE;
  return problems;
}

export const isOfficeReady = (office: Office) => Object.keys(officeProblems(office)).length === 0;
