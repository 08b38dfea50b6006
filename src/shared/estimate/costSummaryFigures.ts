// What the patient cost summary leads with, worked out here so the printout only formats: the amount
// the patient will likely pay (or the part known so far), which columns carry a value, and which
// services wait on a prior authorization.
import type { EstimateView } from './estimateViews';

type Line = EstimateView['lines'][number];

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
  /** Lines that need the payer's approval first, and whether an approval ends before the visit. */
  priorAuth: Array<{ line: Line; kind: 'pending' | 'expires' }>;
  /** The dates of service, earliest first, without repeats. */
  serviceDates: string[];
}

export function costSummaryFigures(view: EstimateView): CostSummaryFigures {
  const known = view.lines.filter((l) => l.patientCents !== null);
  const priorAuth: CostSummaryFigures['priorAuth'] = [];
  for (const line of view.lines) {
    if (line.flags.some((f) => f.code === 'prior_auth_required')) priorAuth.push({ line, kind: 'pending' });
    else if (line.flags.some((f) => f.code === 'prior_auth_expires'))
      priorAuth.push({ line, kind: 'expires' });
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
