// Dates as the front desk reads them: MM/DD/YYYY. Stored dates stay YYYY-MM-DD; this is display only.
import { parseIsoDate } from './calendar';

export function formatUsDate(iso: string): string {
  const p = parseIsoDate(iso);
  if (!p) return iso;
  return `${String(p.m).padStart(2, '0')}/${String(p.d).padStart(2, '0')}/${String(p.y).padStart(4, '0')}`;
}
