// A stored ISO timestamp as the office's local "YYYY-MM-DD HH:MM", the way the record is read at the desk.
import { localDate } from '../../../shared/dates/localDate';

export function localDateTime(iso: string): string {
  const d = new Date(iso);
  return `${localDate(d)} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
