// A stored ISO timestamp as the office reads it: local "MM/DD/YYYY h:mm AM" (the time starts at the
// 12th character, for places that show the time alone).
import { localDate } from '../../../shared/dates/localDate';
import { formatDate } from '../../../shared/dates/typedDate';

export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const hour = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const minutes = String(d.getMinutes()).padStart(2, '0');
  return `${formatDate(localDate(d))} ${hour}:${minutes} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
}
