import { memo, useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useThrottled } from './useThrottled';
import { useStaggered } from './useStaggered';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { downsample, pointsPerLine, smooth, stepTimes } from '../model/metrics';
import { runColor } from './chartColors';
import { CHART_MARGIN, GRID_STROKE, TICK } from './chartStyle';
import { useRunLabels, useShownRuns } from './useRunLabels';
import { ChartFrame } from './ChartFrame';
import { fmtInt } from './format';

/** Redraw at most this often while a run streams points. */
const REDRAW_MS = 1000;

type XAxisKind = 'seen' | 'time';

interface Series {
  id: number;
  points: { x: number; loss: number }[];
}

/** Smoothed per-batch training loss of the picked runs against training samples seen or wall time. */
export function BatchChart() {
  const runs = useStaggered(useThrottled(useShownRuns(), REDRAW_MS));
  const labels = useRunLabels();
  const [x, setX] = useState<XAxisKind>('seen');
  const series = useMemo(() => {
    const max = pointsPerLine(runs.length);
    return runs.map((r): Series => {
      const times = x === 'time' ? stepTimes(r.timeline, r.batchLoss.length) : [];
      const pts = smooth(r.batchLoss, 0.9).map((v, step) => ({ x: x === 'time' ? times[step] / 1000 : (step + 1) * r.config.batchSize, loss: v }));
      return { id: r.id, points: downsample(pts, max) };
    });
  }, [runs, x]);
  const deferred = useDeferredValue(series);
  return (
    <div className="chart" data-testid="chart.batch">
      <div className="chart-head">
        <h3>Training loss per batch <span className="muted small">(smoothed)</span></h3>
        <select data-testid="chart.batch.x" value={x} onChange={(e) => setX(e.target.value as XAxisKind)} title="What the horizontal axis measures">
          <option value="seen">vs samples seen</option>
          <option value="time">vs wall time</option>
        </select>
      </div>
      <ChartFrame height={220} empty={deferred.every((s) => s.points.length === 0)}
        message="The training loss of every batch appears here, live, while a run trains.">
        <BatchPlot series={deferred} labels={labels} x={x} />
      </ChartFrame>
    </div>
  );
}

/**
 * The chart itself, redrawn only when its series change (at most once per {@link REDRAW_MS}):
 * the component above re-renders with every progress report, and a recharts redraw costs tens of
 * milliseconds of main-thread time while training shares the CPU.
 */
const BatchPlot = memo(function BatchPlot({ series, labels, x }: { series: Series[]; labels: Map<number, string>; x: XAxisKind }) {
  const xTick = useCallback((v: number) => (x === 'time' ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)}s` : v >= 1000 ? `${(v / 1000).toFixed(0)}k` : String(v)), [x]);
  const tipLabel = useCallback((l: unknown) => (x === 'time' ? `${Number(l).toFixed(1)} s` : `${fmtInt(Number(l))} samples`), [x]);
  return (
    <ResponsiveContainer width="100%" height={220}>
      <LineChart margin={CHART_MARGIN}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis dataKey="x" type="number" domain={X_DOMAIN} tick={TICK} interval={0} tickFormatter={xTick} />
        <YAxis domain={Y_DOMAIN} tick={TICK} interval={0} width={48} tickFormatter={yTick} />
        <Tooltip formatter={tipValue} labelFormatter={tipLabel} />
        {series.map((s) => (
          <Line key={s.id} data={s.points} dataKey="loss" name={labels.get(s.id)} stroke={runColor(s.id)} dot={false}
            strokeWidth={1.5} isAnimationActive={false} />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
});

// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const X_DOMAIN = [0, 'dataMax'] as const;
const Y_DOMAIN = [0, 'auto'] as const;
const yTick = (v: number) => v.toFixed(2);
const tipValue = (v: unknown) => Number(v).toFixed(4);
