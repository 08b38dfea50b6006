// Answers and outcomes as words, and what the caller typed read back into an answer with the same strict
// rules as everywhere else.
import { formatDate, parseTypedDate } from '../../../../shared/dates/typedDate';
import { today } from '../../lib/clock';
import { formatCents, formatBp, parseMoney, parsePercent } from '../../../../shared/money/cents';
import { formatFrequency, parseFrequency } from '../../../../shared/policy/fieldText';
import type { Answer, AnswerType, Outcome } from '../../../../shared/script/scriptTypes';

/** A date as the rep says it and the desk types it (12/1/2026, 1/1/26, 2026-12-01). */
function readDate(text: string): { answer: Answer } | { problem: string } {
  const date = parseTypedDate(text, { today: today() });
  return date.ok ? { answer: { type: 'date', value: date.iso } } : { problem: date.message };
}

export function parseTyped(type: AnswerType, text: string): { answer: Answer } | { problem: string } {
  const t = text.trim();
  const unknown = t === '' || t === '?' || /^unknown$/i.test(t);
  switch (type) {
    case 'money': {
      if (unknown) return { answer: { type, value: null } };
      const cents = parseMoney(t);
      return cents === null
        ? { problem: 'Write an amount like 1500 or $1,500.00.' }
        : { answer: { type, value: cents } };
    }
    case 'percent': {
      if (unknown) return { answer: { type, value: null } };
      const bp = parsePercent(t);
      return bp === null ? { problem: 'Write a percent like 80 or 80%.' } : { answer: { type, value: bp } };
    }
    case 'date':
      if (unknown) return { answer: { type, value: null } };
      return readDate(t);
    case 'frequency': {
      if (unknown) return { answer: { type, value: null } };
      const f = parseFrequency(t);
      return f
        ? { answer: { type, value: f } }
        : { problem: 'Write it like "1 per 36 months" or "2 per benefit year".' };
    }
    case 'text':
    case 'phone':
    case 'reference':
      return { answer: { type, value: unknown ? null : t } };
    default:
      return { problem: 'Use the keys shown for this question.' };
  }
}

export function answerLabel(answer: Answer): string {
  if (answer.value === null) return 'Unknown';
  switch (answer.type) {
    case 'money':
      return formatCents(answer.value);
    case 'percent':
      return formatBp(answer.value);
    case 'frequency':
      return formatFrequency(answer.value!);
    case 'yes_no_unknown':
      return answer.value === 'yes' ? 'Yes' : answer.value === 'no' ? 'No' : 'Unknown';
    case 'date':
      return formatDate(answer.value);
    default:
      return String(answer.value);
  }
}

/** What each outcome means, in the words the screen and the verification record use. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  covered: 'Covered',
  pa_required: 'Prior authorization required',
  not_covered_dental: 'Not covered by the dental plan',
  not_covered_medical: 'Not covered by the medical plan',
  frequency_not_met: 'Frequency used up',
  inactive: 'Coverage inactive',
  unable_to_locate: 'Payer could not find the member',
  partial: 'Partly verified: call back',
};
