// The app's clock, re-read every second while `running` (call and hold timers).
import { useEffect, useState } from 'react';
import { nowMs } from '../lib/clock';

export function useNow(running: boolean): number {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(nowMs()), 1000);
    return () => clearInterval(timer);
  }, [running]);
  return now;
}
