// What the caller typed, read back into an answer with the same strict rules as everywhere else.
import { parseTypedDate } from '../../../../shared/dates/typedDate';
import { parseMoney, parsePercent } from '../../../../shared/money/cents';
import { parseFrequency } from '../../../../shared/policy/fieldText';
import type { Answer, AnswerType } from '../../../../shared/script/scriptTypes';
import { today } from '../../lib/clock';

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
