// What each not-yet-built screen will hold. Shown as-is so nobody mistakes a placeholder for a feature.
import type { ScreenId } from '../screenList';

export interface Placeholder {
  title: string;
  purpose: string;
  coming: string[];
}

export const PLACEHOLDERS: Record<
  Exclude<ScreenId, 'settings' | 'lookup' | 'payers' | 'patients' | 'estimate' | 'call'>,
  Placeholder
> = {
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
