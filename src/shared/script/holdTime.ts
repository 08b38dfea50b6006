// Time on hold: the sum of the hold segments, an open one counted up to `endMs` (now, or the call's end).
export function holdMs(
  holds: ReadonlyArray<{ startedAt: string; endedAt: string | null }>,
  endMs: number,
): number {
  return holds.reduce(
    (sum, h) => sum + ((h.endedAt ? Date.parse(h.endedAt) : endMs) - Date.parse(h.startedAt)),
    0,
  );
}
