import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../store/useAppStore';
import { downsample, smooth } from '../model/metrics';
import { runColor } from './chartColors';
import { useRunLabels } from './useRunLabels';

const MAX_POINTS = 600;

/** Smoothed per-batch training loss of every run against training samples seen. */
export function BatchChart() {
  const runs = useAppStore((s) => s.runs);
  const labels = useRunLabels();
  const series = useMemo(
    () => runs.map((r) => {
      const s = smooth(r.batchLoss, 0.9);
      const pts = s.map((loss, step) => ({ seen: (step + 1) * r.config.batchSize, loss }));
      return { id: r.id, points: downsample(pts, MAX_POINTS) };
    }),
    [runs],
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
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Line key={s.id} data={s.points} dataKey="loss" name={labels[i]} stroke={runColor(i)} dot={false}
              strokeWidth={1.5} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
