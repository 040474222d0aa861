import { useEffect, useState } from 'react';

/** The current time from `clock`, re-read every `everyMs` (timers take the clock as a prop so tests can fake it). */
export function useNow(clock: () => number = Date.now, everyMs = 250): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), everyMs);
    return () => clearInterval(timer);
  }, [clock, everyMs]);
  return now;
}
