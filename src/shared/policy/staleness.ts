// Whether an answer can be trusted today: unknown, known, or stale (older than the re-verify window).
import { daysBetween } from '../dates/calendar';
import { localDate } from '../dates/localDate';
import { isUnknown, type Provenance } from './policyTypes';

export type FieldStatus = 'known' | 'unknown' | 'stale';

/** The local calendar day an answer was recorded on. */
export function recordedOn(provenance: Pick<Provenance, 'recordedAt'>): string {
  return localDate(new Date(provenance.recordedAt));
}

/**
 * An answer is stale when more than `windowDays` whole days have passed since it was recorded: an answer
 * recorded exactly `windowDays` days ago is still fresh. A value without provenance was never confirmed.
 */
export function fieldStatus(
  value: unknown,
  provenance: Pick<Provenance, 'recordedAt'> | null,
  today: string,
  windowDays: number,
): FieldStatus {
  if (isUnknown(value)) return 'unknown';
  if (!provenance) return 'stale';
  return daysBetween(recordedOn(provenance), today) > windowDays ? 'stale' : 'known';
}
