// What the patient cost summary leads with, worked out here so the printout only formats: the amount
// the patient will likely pay (or the part known so far), which columns carry a value, and which
// services wait on a prior authorization.
import type { EstimateView } from './estimateViews';

type Line = EstimateView['lines'][number];
type PaStatus = Line['priorAuth'][number];

/** What a prior authorization that is not (yet) a usable approval means for the patient. */
const KIND: Partial<Record<PaStatus['status'], 'pending' | 'denied' | 'mismatch'>> = {
  not_requested: 'pending',
  pending: 'pending',
  denied: 'denied',
  expires_before: 'mismatch',
  starts_after: 'mismatch',
  other_code: 'mismatch',
};

export interface CostSummaryFigures {
  /** The patient's total when every line is known. */
  patientCents: number | null;
  /** The sum over the lines whose amount is known (the "at least" when some are not). */
  knownPatientCents: number;
  /** Lines whose patient amount is still being confirmed. */
  unknownLines: number;
  /** Columns worth printing: a plan discount column of zeros, or an empty tooth column, is left out. */
  showWriteOff: boolean;
  showTooth: boolean;
  showInsurance: boolean;
  /**
   * Lines whose prior authorization is not a usable approval (not asked yet or waiting, denied, or an
   * approval that does not cover the visit), by the first plan that says so.
   */
  priorAuth: Array<{ line: Line; kind: 'pending' | 'denied' | 'mismatch' }>;
  /** The dates of service, earliest first, without repeats. */
  serviceDates: string[];
}

export function costSummaryFigures(view: EstimateView): CostSummaryFigures {
  const known = view.lines.filter((l) => l.patientCents !== null);
  const priorAuth: CostSummaryFigures['priorAuth'] = [];
  for (const line of view.lines) {
    const first = [...line.priorAuth].sort((a, b) => a.ordinal - b.ordinal).find((p) => KIND[p.status]);
    if (first) priorAuth.push({ line, kind: KIND[first.status]! });
  }
  return {
    patientCents: view.totals.patientCents,
    knownPatientCents: known.reduce((sum, l) => sum + l.patientCents!, 0),
    unknownLines: view.lines.length - known.length,
    showWriteOff: !view.selfPay && view.lines.some((l) => l.writeOffCents !== 0),
    showTooth: view.lines.some((l) => l.tooth !== null && l.tooth !== ''),
    showInsurance: !view.selfPay && view.coverages.length > 0,
    priorAuth,
    serviceDates: [...new Set(view.lines.map((l) => l.serviceDate))].sort(),
  };
}
