// Stored UTC timestamps as the office reads them, in the computer's own time zone: local
// "MM/DD/YYYY h:mm AM" (the time starts at the 12th character, for places that show the time alone).
import { localDate } from '../../../shared/dates/localDate';
import { formatDate } from '../../../shared/dates/typedDate';

export function localDateTime(iso: string): string {
  const d = new Date(iso);
  const hour = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const minutes = String(d.getMinutes()).padStart(2, '0');
  return `${formatDate(localDate(d))} ${hour}:${minutes} ${d.getHours() < 12 ? 'AM' : 'PM'}`;
}

const withZone = new Intl.DateTimeFormat('en-US', {
  month: '2-digit',
  day: '2-digit',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
});
const timeWithZone = new Intl.DateTimeFormat('en-US', {
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});

/** "12/06/2026, 3:38 PM EST": for the record, where a time without its zone proves little. */
export function dateTimeWithZone(iso: string): string {
  return withZone.format(new Date(iso));
}

/** "3:38:12 PM": the time of an answer within a call (the call's date and zone are given once above). */
export function timeOfDay(iso: string): string {
  return timeWithZone.format(new Date(iso));
}
