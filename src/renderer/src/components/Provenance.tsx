// One line saying whether an answer can be trusted and where it came from.
import type { FieldView } from '../../../shared/policy/policyViews';
import { recordedOn } from '../../../shared/policy/staleness';
import { formatDate } from '../../../shared/dates/typedDate';

export function provenanceText(view: FieldView): string {
  if (view.status === 'unknown') return 'Unknown: not asked yet';
  const p = view.provenance;
  if (!p) return 'Never confirmed';
  const how =
    p.source === 'call'
      ? `on a call${p.repName ? ` with ${p.repName}` : ''}${p.referenceNumber ? `, ref ${p.referenceNumber}` : ''}`
      : p.source === 'import'
        ? 'from an import'
        : `entered by ${p.recordedBy}`;
  const prefix = view.status === 'stale' ? 'Stale: last confirmed' : 'Confirmed';
  return `${prefix} ${formatDate(recordedOn(p))} ${how}${view.inherited ? ' (payer-wide default)' : ''}`;
}

export function ProvenanceLine({ view }: { view: FieldView }) {
  return <p className={`provenance status-${view.status}`}>{provenanceText(view)}</p>;
}
