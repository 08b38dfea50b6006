// Where a recorded answer came from, in the words the desk reads: the same on the call screen, the plan
// and patient screens and the verification record.
import { formatDate } from '../dates/typedDate';
import type { Observation } from './ledgerTypes';

export function sourceText(o: Observation, options: { inherited?: boolean } = {}): string {
  const day = formatDate(o.observedOn);
  const rep = [o.repName, o.referenceNumber ? `ref ${o.referenceNumber}` : null].filter(Boolean).join(', ');
  let text: string;
  switch (o.source) {
    case 'call':
      text = `said on a call ${day}${rep ? `, ${rep}` : ''}`;
      break;
    case 'manual':
      text = o.retracts ? `withdrawn ${day} by ${o.recordedBy}` : `entered ${day} by ${o.recordedBy}`;
      break;
    case 'resolution':
      text = `decided ${day} by ${o.recordedBy}`;
      break;
    case 'pack':
      text = `from a policy pack, stated ${day}${rep ? `, ${rep}` : ''}`;
      break;
    case 'eligibility_file':
      text = `from the eligibility file of ${day}${o.sourceDetail ? ` (${o.sourceDetail})` : ''}`;
      break;
    case 'sample':
      return 'fictional sample data (not from a real payer)';
    case 'eob':
      text = `from an explanation of benefits, ${day}`;
      break;
    default:
      text = `on file before ${day}; who said it was not recorded`;
  }
  return options.inherited ? `${text} (payer-wide default)` : text;
}
