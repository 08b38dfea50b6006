// Call and hold timers as a person reads them: whole seconds since an instant, shown as m:ss.

export function secondsSince(iso: string, nowMs: number): number {
  return Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
}

/**
 * 75 -> "1:15"; an hour and more keeps counting minutes ("72:05"), as a hold can run that long. Main
 * stamps the times and the window counts: a moment of difference between their clocks shows as 0:00,
 * never as a negative time.
 */
export function clockText(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
