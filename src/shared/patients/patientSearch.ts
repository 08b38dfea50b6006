// Finding a patient the way the desk asks for one: "Ramirez, Ana", "ana ramirez", "Ramirez" without the
// accent, a birth date in any typed form, a member ID, or a mix ("ramirez 1/2/70"). Every word typed must
// match: a name word is the start of one of the patient's names; a date is the birth date; letters and
// digits together (or a long run of digits) are the start or end of a member ID on file.
import { parseTypedDate } from '../dates/typedDate';
import { foldedWords } from '../text/foldedWords';

export interface SearchablePatient {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD */
  dob: string;
  memberIds: readonly string[];
}

/** A name as compared: accent-free lower-case words (García-López is garcia, lopez). */
const nameWords = foldedWords;

const compactId = (id: string) => id.replace(/[\s-]/g, '').toUpperCase();

type Term =
  | { kind: 'name'; word: string }
  /** A date, which may also be the digits of a member ID (12011970). */
  | { kind: 'date'; iso: string; digits: string | null }
  | { kind: 'member'; id: string };

export interface PatientQuery {
  terms: Term[];
}

/** Reads what was typed into terms; `today` places a two-digit birth year (1/2/70 is 1970). */
export function parsePatientQuery(query: string, today: string): PatientQuery {
  const terms: Term[] = [];
  for (const token of query.split(/[\s,;]+/).filter(Boolean)) {
    const looksLikeDate = /^[\d/.-]+$/.test(token) && /\d/.test(token) && /[/.-]|^\d{6}$|^\d{8}$/.test(token);
    if (looksLikeDate) {
      const date = parseTypedDate(token, { today, past: true });
      if (date.ok) {
        terms.push({ kind: 'date', iso: date.iso, digits: /^\d+$/.test(token) ? token : null });
        continue;
      }
    }
    if (/\d/.test(token) && /^[\p{L}\p{N}-]+$/u.test(token)) {
      terms.push({ kind: 'member', id: compactId(token) });
      continue;
    }
    for (const word of nameWords(token)) terms.push({ kind: 'name', word });
  }
  return { terms };
}

function memberMatches(ids: readonly string[], wanted: string): boolean {
  // Whole ID, its start, or its end (people read the last digits off a card); not any middle fragment.
  return ids.some((id) => {
    const c = compactId(id);
    return c.startsWith(wanted) || (wanted.length >= 4 && c.endsWith(wanted));
  });
}

/** Whether the patient matches every term. An empty query matches everyone. */
export function matchesPatient(patient: SearchablePatient, query: PatientQuery): boolean {
  const words = [...nameWords(patient.firstName), ...nameWords(patient.lastName)];
  return query.terms.every((term) => {
    switch (term.kind) {
      case 'name':
        return words.some((w) => w.startsWith(term.word));
      case 'date':
        return (
          patient.dob === term.iso || (term.digits !== null && memberMatches(patient.memberIds, term.digits))
        );
      case 'member':
        return memberMatches(patient.memberIds, term.id);
    }
  });
}

/**
 * Orders matches for reading: a last name typed in full first (Ramirez before Ramirezco), then by last
 * name, first name and birth date.
 */
export function comparePatients<P extends SearchablePatient>(query: PatientQuery) {
  const typed = new Set(query.terms.flatMap((t) => (t.kind === 'name' ? [t.word] : [])));
  const exactLast = (p: P) => (nameWords(p.lastName).some((w) => typed.has(w)) ? 0 : 1);
  const key = (s: string) => nameWords(s).join(' ');
  return (a: P, b: P): number =>
    exactLast(a) - exactLast(b) ||
    key(a.lastName).localeCompare(key(b.lastName)) ||
    key(a.firstName).localeCompare(key(b.firstName)) ||
    a.dob.localeCompare(b.dob);
}
