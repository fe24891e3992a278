import { useEffect, useRef, useState } from 'react';
import { createRedrawQueue } from './redrawQueue';

/** Gap between two chart redraws: long enough for one recharts redraw (~20-40 ms here) to finish. */
const GAP_MS = 60;
const charts = createRedrawQueue(GAP_MS);

/**
 * Returns `value`, updated when this chart's turn in the page-wide redraw queue comes, so that
 * charts whose data change together redraw one after another instead of in one long task.
 */
export function useStaggered<T>(value: T): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const redraw = useRef(() => setShown(() => latest.current));
  const cancel = useRef<(() => void) | null>(null);
  // A queued redraw reads the latest value when its turn comes, so a newer value keeps its place.
  useEffect(() => {
    latest.current = value;
    if (!Object.is(value, shown)) cancel.current = charts.request(redraw.current);
  }, [value, shown]);
  useEffect(() => () => cancel.current?.(), []);
  return shown;
}
