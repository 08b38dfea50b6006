// What each not-yet-built screen will hold. Shown as-is so nobody mistakes a placeholder for a feature.
import type { ScreenId } from '../screenList';

export interface Placeholder {
  title: string;
  purpose: string;
  coming: string[];
}

export const PLACEHOLDERS: Record<Exclude<ScreenId, 'settings' | 'lookup'>, Placeholder> = {
  call: {
    title: 'Verification call',
    purpose: 'A guided script for the call to the payer, saved answer by answer.',
    coming: [
      'What to ask next, in plain words, with known answers to confirm',
      'Hold timer, rep name and reference number one key away',
      'Outcome per code, prior-authorization tracking and call-back tasks',
    ],
  },
  payers: {
    title: 'Payers and plans',
    purpose: 'What each payer and plan has told the office, and when.',
    coming: [
      'Payers, plans and per-code policies, each answer with its source',
      'Stale and unknown answers marked at a glance',
      'Policy packs to move knowledge between workstations',
    ],
  },
  patients: {
    title: 'Patients',
    purpose: 'Patients, their coverage and their imaging history.',
    coming: [
      'Patient details and preferred language (English or Spanish)',
      'Primary and secondary coverage with member and subscriber details',
      'Maximum used, deductible met, and earlier services per code',
    ],
  },
  records: {
    title: 'Records',
    purpose: 'Every verification call, locked once complete, with amendments.',
    coming: [
      'Search and filter calls by patient, payer, code or date',
      'Printable verification record for the chart',
      'Re-verify and prior-authorization worklists',
    ],
  },
};
