import { useEffect, useState, type ReactNode } from 'react';
import { useAppStore } from '../../store/useAppStore';

/**
 * False until the first dataset load has ended (ready or not) and the browser is then idle (at
 * most ~2 s later). Once true, stays true.
 */
function useIdleAfterLoad(): boolean {
  const [idle, setIdle] = useState(false);
  const loading = useAppStore((s) => s.datasetState === 'loading');
  useEffect(() => {
    if (idle || loading) return;
    if (typeof requestIdleCallback !== 'function') {
      const t = setTimeout(() => setIdle(true), 500);
      return () => clearTimeout(t);
    }
    const h = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
    return () => cancelIdleCallback(h);
  }, [idle, loading]);
  return idle;
}

/**
 * A chart's body. The chart mounts when the page is first idle after the dataset has loaded: a
 * recharts mount costs 50-250 ms of main thread, which would otherwise delay "dataset ready"
 * (mounting at page load) or land on the start of a run (mounting with the first data). While
 * the chart has no data (`empty`), a calm box over it says what will appear (`message`).
 */
export function ChartFrame({
  height,
  empty = false,
  message,
  children,
}: {
  height: number;
  empty?: boolean;
  message?: string;
  children: ReactNode;
}) {
  const idle = useIdleAfterLoad();
  return (
    <div className="chart-frame" style={{ height }}>
      {idle && children}
      {empty && <div className="chart-empty">{message}</div>}
    </div>
  );
}
