import { useEffect, useState, type ReactNode } from 'react';

/** False until the browser is first idle after this component mounts (at most ~2 s). */
function useIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') {
      const t = setTimeout(() => setIdle(true), 500);
      return () => clearTimeout(t);
    }
    const h = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
    return () => cancelIdleCallback(h);
  }, []);
  return idle;
}

/**
 * A chart's body. The chart mounts when the page is first idle after load, not when a run brings
 * its first data: a recharts mount costs 50-250 ms of main thread, which would land on the start
 * of a run. While the chart has no data, a calm box over it says what will appear.
 */
export function ChartFrame({ height, empty, message, children }: { height: number; empty: boolean; message: string; children: ReactNode }) {
  const idle = useIdle();
  return (
    <div className="chart-frame" style={{ height }}>
      {idle && children}
      {empty && <div className="chart-empty">{message}</div>}
    </div>
  );
}
