// How far a date is from today, in the words the desk says it ("in 12 days", "tomorrow", "3 days ago").
import { daysBetween } from './calendar';

export function relativeDays(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}
