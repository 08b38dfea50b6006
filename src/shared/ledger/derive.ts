// What a field is today, derived from every statement made about it. The rules, in order:
// 1. A statement withdrawn by a later one (retracts) does not count, and neither does the withdrawal.
// 2. The newest statement that counts wins: by the day it was stated, then when it was recorded, then
//    by its unique id (so every computer holding the same statements derives the same value).
// 3. The field is "conflict" when payer statements (reps on calls, packs, eligibility files) made within
//    the re-verify window disagree, until a person settles it (a manual entry or a resolution) or a
//    second, separate statement repeats the newest value. Only statements newer than the last one that is
//    not a payer's (a person's entry or decision, a value from before the ledger) are compared.
// 4. Otherwise it is "stale" once the winning statement is older than the window, and "unknown" when
//    nothing counts or the newest statement says the value is not known.
import { daysBetween } from '../dates/calendar';
import type { FieldStatus, Observation, ObservationSource } from './ledgerTypes';

export interface DerivedField {
  value: unknown;
  status: FieldStatus;
  /** The statement the value comes from (also when it says "not known"). */
  current: Observation | null;
  /** When status is "conflict": the latest statement of each value given, newest first. */
  conflict: Observation[];
  /** How many statements were made about the field (withdrawn ones included). */
  statements: number;
}

/** Statements that report what the payer said (as opposed to a person's own decision). */
const PAYER_SOURCES: readonly ObservationSource[] = ['call', 'pack', 'eligibility_file', 'eob'];

/** A value that says nothing is known. */
export function isUnknownValue(value: unknown): boolean {
  return value === null || value === undefined || value === 'unknown';
}

/** JSON with object keys sorted, so two equal values compare equal whatever order their keys came in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Sort order: newest statement first. */
export function byNewest(a: Observation, b: Observation): number {
  if (a.observedOn !== b.observedOn) return a.observedOn < b.observedOn ? 1 : -1;
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? 1 : -1;
  return a.uid < b.uid ? 1 : a.uid > b.uid ? -1 : 0;
}

/** The statements that count: not withdrawals, not withdrawn. Newest first. */
export function countingObservations(list: readonly Observation[]): Observation[] {
  const withdrawn = new Set(list.flatMap((o) => (o.retracts ? [o.retracts] : [])));
  return list.filter((o) => o.retracts === null && !withdrawn.has(o.uid)).sort(byNewest);
}

/** Payer statements that disagree with the newest one and are not settled (rule 3); [] when none. */
function disagreement(counting: Observation[], today: string, windowDays: number): Observation[] {
  const settled = counting.findIndex((o) => !PAYER_SOURCES.includes(o.source));
  const open = settled === -1 ? counting : counting.slice(0, settled);
  const said = open.filter(
    (o) =>
      PAYER_SOURCES.includes(o.source) &&
      !isUnknownValue(o.value) &&
      daysBetween(o.observedOn, today) <= windowDays,
  );
  if (said.length < 2) return [];
  const newest = said[0]!;
  const firstDiffering = said.findIndex((o) => !sameValue(o.value, newest.value));
  if (firstDiffering === -1) return [];
  // Two separate statements of the newest value since the disagreement settle it.
  const repeats = new Set(
    said.slice(0, firstDiffering).map((o) => (o.callId === null ? o.uid : `call ${o.callId}`)),
  );
  if (repeats.size >= 2) return [];
  const latestPerValue: Observation[] = [];
  for (const o of said) if (!latestPerValue.some((s) => sameValue(s.value, o.value))) latestPerValue.push(o);
  return latestPerValue;
}

/** A single-valued field (an annual maximum, a coverage percent, a termination date). */
export function deriveField(
  list: readonly Observation[],
  options: { today: string; windowDays: number },
): DerivedField {
  const counting = countingObservations(list);
  const current = counting[0] ?? null;
  const statements = list.length;
  if (!current || isUnknownValue(current.value))
    return { value: null, status: 'unknown', current, conflict: [], statements };
  const conflict = disagreement(counting, options.today, options.windowDays);
  if (conflict.length > 0) return { value: current.value, status: 'conflict', current, conflict, statements };
  // A value carried over from before the ledger without any record of who said it was never confirmed.
  const stale =
    current.source === 'before_ledger' || daysBetween(current.observedOn, options.today) > options.windowDays;
  return { value: current.value, status: stale ? 'stale' : 'known', current, conflict: [], statements };
}

/** A many-valued field (earlier services): every statement that counts, one per value, newest first. */
export function deriveSet(list: readonly Observation[]): Observation[] {
  const seen = new Set<string>();
  return countingObservations(list).filter((o) => {
    const key = `${o.code}|${canonicalJson(o.value)}`;
    if (isUnknownValue(o.value) || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
