import { memo, useCallback, useDeferredValue, useMemo } from 'react';
import {
  CartesianGrid,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { useAppStore } from '../../store/useAppStore';
import { RUN_COLORS } from '../charts/chartColors';
import { CHART_MARGIN, ChartTip, GRID_STROKE, TICK } from '../charts/chartStyle';
import { StaticLines, type StaticLine } from '../charts/StaticLines';
import { useLatest } from '../common/useLatest';
import { healthSeries, latestHealth, layerName, logAxis, sci, stepAxis } from './healthMath';
import { HealthTable } from './HealthTable';
import { useStaggered } from '../charts/useStaggered';
import { useSameAxis } from '../charts/useSameAxis';
import type { LayerSpec } from '../../model/spec';

const NO_LAYERS: never[] = [];
const NO_ROWS: Record<string, number>[] = [];

/** One run's health: each weighted layer's latest numbers and histograms, and its gradient norm over training (log scale). */
export const HealthView = memo(function HealthView({ runId, title }: { runId: number; title: string }) {
  // Deferred: a new measurement redraws the table, histograms and chart in an interruptible render, not inside the
  // worker message that brought it (the bench saw a 52 ms task there with the view open). Staggered: an epoch's
  // end brings a measurement with the epoch's metrics, and this chart then waits for its turn after the epoch
  // charts' redraws instead of redrawing in the same frame (the bench saw 38-63 ms of recharts there).
  const health = useDeferredValue(useStaggered(useAppStore((s) => s.runs.find((r) => r.id === runId)?.health)));
  const layers = useAppStore((s) => s.runs.find((r) => r.id === runId)?.config.layers ?? NO_LAYERS);
  const live = useAppStore((s) => s.runs.find((r) => r.id === runId)?.status === 'running');
  const latest = latestHealth(health);
  const series = useMemo(() => (health ? healthSeries(health, 'gradNorm') : NO_ROWS), [health]);
  // Explicit ends and ticks (`interval={0}`: recharts measures no tick label). Before the first measurement of a live
  // run they stand in (0-1 steps, 0.1-1), so recharts mounts the axes with the view, while the page is idle, not in
  // the middle of training when the first measurement comes.
  const x = useSameAxis(stepAxis(series));
  const y = useSameAxis(logAxis(series));
  // Drawn by hand (StaticLines): five recharts lines redrew through recharts' store at each measurement.
  const lines = useMemo(
    () =>
      (latest?.layers ?? []).map(({ layer }): StaticLine => ({
        key: `l${layer}`,
        points: series.flatMap((r) => (r[`l${layer}`] > 0 ? [{ x: r.step, y: r[`l${layer}`] }] : [])),
        stroke: RUN_COLORS[layer % RUN_COLORS.length],
      })),
    [latest, series],
  );
  const tip = useHealthTip(series, layers);
  if (!latest && !live) {
    return (
      <div className="health" data-testid="insight.run" data-run-id={runId}>
        <h3>{title}</h3>
        <p className="muted small" data-testid="insight.notRecorded">
          Training health was not recorded for this run (it was imported, or trained before the page measured it).
        </p>
      </div>
    );
  }
  return (
    <div className="health" data-testid="insight.run" data-run-id={runId}>
      <h3>{title}</h3>
      {latest ? (
        <p className="muted small">
          Epoch {latest.epoch}, step {latest.step.toLocaleString('en-US')}, on a fixed batch of training images.
        </p>
      ) : (
        <p className="muted small" data-testid="insight.waiting">
          Waiting for the first measurement: it comes within the first quarter of an epoch.
        </p>
      )}
      <HealthTable layers={layers} latest={latest} />
      <div className="chart" data-testid="insight.chart">
        <h3 className="small">Gradient norm per layer (log scale)</h3>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={series} margin={CHART_MARGIN}>
            <CartesianGrid stroke={GRID_STROKE} />
            <XAxis
              dataKey="step"
              type="number"
              domain={x.domain}
              ticks={x.ticks}
              allowDataOverflow
              interval={0}
              tick={TICK}
            />
            <YAxis
              scale="log"
              domain={y.domain}
              ticks={y.ticks}
              allowDataOverflow
              interval={0}
              tick={TICK}
              width={52}
              tickFormatter={sci}
            />
            <Tooltip content={tip} />
            <StaticLines lines={lines} />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});

/** Tooltip content: each layer's gradient norm at the hovered step, in its line's colour. */
function useHealthTip(series: Record<string, number>[], layers: LayerSpec[]) {
  // Read when the tooltip shows, so that a new measurement does not hand recharts a new tooltip.
  const ref = useLatest({ series, layers });
  return useCallback(
    ({ active, label }: TooltipContentProps) => {
      const row = active ? ref.current.series.find((r) => r.step === Number(label)) : undefined;
      if (!row) return null;
      return (
        <ChartTip
          label={`step ${String(label)}`}
          rows={Object.keys(row).flatMap((k) => {
            if (k === 'step') return [];
            const i = Number(k.slice(1));
            return [
              {
                key: k,
                color: RUN_COLORS[i % RUN_COLORS.length],
                text: `${layerName(ref.current.layers[i], i)}: ${sci(row[k])}`,
              },
            ];
          })}
        />
      );
    },
    [ref],
  );
}
