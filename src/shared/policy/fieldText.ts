// Policy answers as a person types and reads them: "80%", "1 per 36 months", "12-18". Shared by the
// matrix and the call screen, so an answer looks the same everywhere.
import { formatBp, parsePercent } from '../money/cents';
import { LABELS, type Frequency, type PolicyField, type PolicyValues } from './policyTypes';

const PER_WORDS: Record<string, Frequency['per']> = {
  month: 'months',
  months: 'months',
  mo: 'months',
  year: 'benefit_year',
  'benefit year': 'benefit_year',
  'calendar year': 'calendar_year',
  lifetime: 'lifetime',
  life: 'lifetime',
};

/**
 * "1 per 36 months", "2 per benefit year", "1 per calendar year", "1 per lifetime" -> Frequency; a
 * limit shared with other codes follows: "1 per 60 months shared with D0330, D0210" (the parentheses
 * the formatted text has are optional, and "d330" reads as D0330).
 */
export function parseFrequency(text: string): Frequency | null {
  const shared = /^(.*?)[\s,;(]*shared with\s+([^)]*)\)?\s*$/i.exec(text);
  const sharedWith: string[] = [];
  if (shared) {
    for (const word of shared[2]!.split(/[\s,;]+|\band\b/i).filter(Boolean)) {
      const code = /^d?(\d{3,4})$/i.exec(word);
      if (!code) return null;
      const normal = `D${code[1]!.padStart(4, '0')}`;
      if (!sharedWith.includes(normal)) sharedWith.push(normal);
    }
    if (sharedWith.length === 0) return null;
  }
  const m = /^\s*(\d{1,2})\s*(?:x\s*)?(?:per|\/|every|a)\s*(\d{1,3})?\s*([a-z ]+?)\s*$/i.exec(
    shared ? shared[1]! : text,
  );
  if (!m) return null;
  const count = Number(m[1]);
  const months = m[2] ? Number(m[2]) : null;
  const per = PER_WORDS[m[3]!.toLowerCase()];
  if (!per || count < 1) return null;
  if (per === 'months') return months && months <= 120 ? { count, per, months, sharedWith } : null;
  return months === null ? { count, per, months: null, sharedWith } : null;
}

export function formatFrequency(f: Frequency): string {
  const base =
    f.per === 'months' ? `${f.count} per ${f.months} months` : `${f.count} per ${LABELS.frequencyPer[f.per]}`;
  return f.sharedWith.length > 0 ? `${base} (shared with ${f.sharedWith.join(', ')})` : base;
}

/** "12-18", "12+", "-18", "up to 18" -> age limits. */
export function parseAgeLimits(text: string): PolicyValues['ageLimits'] {
  const t = text.trim().toLowerCase();
  let m = /^(\d{1,3})\s*[-–]\s*(\d{1,3})$/.exec(t);
  if (m) return Number(m[1]) <= Number(m[2]) ? { min: Number(m[1]), max: Number(m[2]) } : null;
  m = /^(\d{1,3})\s*\+$/.exec(t);
  if (m) return { min: Number(m[1]), max: null };
  m = /^(?:-|up to|under)\s*(\d{1,3})$/.exec(t);
  if (m) return { min: null, max: Number(m[1]) };
  return null;
}

export function formatAgeLimits(a: NonNullable<PolicyValues['ageLimits']>): string {
  if (a.min !== null && a.max !== null) return `ages ${a.min}-${a.max}`;
  if (a.min !== null) return `age ${a.min} and over`;
  if (a.max !== null) return `up to age ${a.max}`;
  return 'no age limit';
}

/** A policy value as words; unknown values read "Unknown". */
export function formatPolicyValue(field: PolicyField, value: unknown): string {
  if (value === null || value === undefined || value === 'unknown') return 'Unknown';
  switch (field) {
    case 'covered':
    case 'medicalFirst':
      return LABELS.triState[value as 'yes' | 'no'];
    case 'coverageBp':
      return formatBp(value as number);
    case 'category':
      return LABELS.category[value as keyof typeof LABELS.category];
    case 'frequency':
      return formatFrequency(value as Frequency);
    case 'ageLimits':
      return formatAgeLimits(value as NonNullable<PolicyValues['ageLimits']>);
    case 'priorAuth':
      return LABELS.priorAuth[value as keyof typeof LABELS.priorAuth];
    case 'paMethod':
      return LABELS.paMethod[value as keyof typeof LABELS.paMethod];
    case 'paTurnaroundDays':
    case 'paValidityDays':
      return `${value as number} days`;
    case 'paAttachments':
      return (value as string[]).join('; ') || 'None';
    default:
      return String(value);
  }
}

/** Reads typed text for a free-text policy field. Empty or "?" means unknown. */
export function parsePolicyText(
  field: PolicyField,
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const t = text.trim();
  if (t === '' || t === '?' || /^unknown$/i.test(t)) return { ok: true, value: null };
  switch (field) {
    case 'coverageBp': {
      const bp = parsePercent(t);
      return bp === null
        ? { ok: false, message: 'Write a percent from 0 to 100, like 80%.' }
        : { ok: true, value: bp };
    }
    case 'frequency': {
      const f = parseFrequency(t);
      return f
        ? { ok: true, value: f }
        : {
            ok: false,
            message: 'Write it like "1 per 36 months", "2 per benefit year" or "1 per lifetime".',
          };
    }
    case 'ageLimits': {
      const a = parseAgeLimits(t);
      return a
        ? { ok: true, value: a }
        : { ok: false, message: 'Write ages like "12-18", "12+" or "up to 18".' };
    }
    case 'paTurnaroundDays':
    case 'paValidityDays':
      return /^\d{1,3}$/.test(t)
        ? { ok: true, value: Number(t) }
        : { ok: false, message: 'Write a number of days.' };
    case 'alternateCode':
      return /^d?\d{4}$/i.test(t)
        ? { ok: true, value: `D${t.replace(/^d/i, '')}` }
        : { ok: false, message: 'Write a CDT code like D0210.' };
    case 'paAttachments':
      return {
        ok: true,
        value: t
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    default:
      return { ok: true, value: t };
  }
}
