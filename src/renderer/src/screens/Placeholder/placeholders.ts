// What each not-yet-built screen will hold. Shown as-is so nobody mistakes a placeholder for a feature.
import type { ScreenId } from '../screenList';

export interface Placeholder {
  title: string;
  purpose: string;
  coming: string[];
}

export const PLACEHOLDERS: Record<
  Exclude<ScreenId, 'settings' | 'lookup' | 'payers' | 'patients' | 'estimate'>,
  Placeholder
> = {
  call: {
    title: 'Verification call',
    purpose: 'A guided script for the call to the payer, saved answer by answer.',
    coming: [
      'What to ask next, in plain words, with known answers to confirm',
      'Hold timer, rep name and reference number one key away',
      'Outcome per code, prior-authorization tracking and call-back tasks',
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
