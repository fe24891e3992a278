import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useThrottled } from './useThrottled';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/useAppStore';
import { downsample, smooth } from '../model/metrics';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';

const MAX_POINTS = 400;
/** Redraw at most this often while a run streams points. */
const REDRAW_MS = 1000;

/** Smoothed per-batch training loss of every run against training samples seen. */
export function BatchChart() {
  const losses = useThrottled(useAppStore(useShallow((s) => s.runs.map((r) => r.batchLoss))), REDRAW_MS);
  const batchSizes = useAppStore(useShallow((s) => s.runs.map((r) => r.config.batchSize)));
  const labels = useRunLabels();
  const series = useMemo(
    () => losses.map((loss, i) => {
      const pts = smooth(loss, 0.9).map((v, step) => ({ seen: (step + 1) * batchSizes[i], loss: v }));
      return downsample(pts, MAX_POINTS);
    }),
    [losses, batchSizes],
  );
  return (
    <div className="chart" data-testid="chart.batch">
      <h3>Training loss per batch <span className="muted small">(smoothed)</span></h3>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis dataKey="seen" type="number" domain={[0, 'dataMax']} tick={{ fontSize: 12 }}
            tickFormatter={(v: number) => (v >= 1000 ? `${(v / 1000).toFixed(0)}k` : String(v))} />
          <YAxis domain={[0, 'auto']} tick={{ fontSize: 12 }} width={48} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip formatter={(v) => Number(v).toFixed(4)} labelFormatter={(l) => `${Number(l).toLocaleString('en-US')} samples`} />
          {series.map((points, i) => (
            <Line key={i} data={points} dataKey="loss" name={labels[i]} stroke={runColor(i)} dot={false}
              strokeWidth={1.5} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
