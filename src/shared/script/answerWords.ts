// Answers and outcomes in words: the same on the call screen, in the answers list and on the record.
import { formatDate } from '../dates/typedDate';
import { formatBp, formatCents } from '../money/cents';
import { formatFrequency } from '../policy/fieldText';
import type { Answer, Outcome, ScriptStep } from './scriptTypes';

/** An answer as words; a choice answer reads as its label when the step is given. */
export function answerWords(answer: Answer, step?: Pick<ScriptStep, 'choices'>): string {
  if (answer.value === null) return 'Unknown';
  switch (answer.type) {
    case 'money':
      return formatCents(answer.value);
    case 'percent':
      return formatBp(answer.value);
    case 'frequency':
      return formatFrequency(answer.value);
    case 'date':
      return formatDate(answer.value);
    case 'yes_no_unknown':
      return answer.value === 'yes' ? 'Yes' : answer.value === 'no' ? 'No' : 'Unknown';
    case 'choice':
      return step?.choices?.find((c) => c.value === answer.value)?.label ?? answer.value;
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
