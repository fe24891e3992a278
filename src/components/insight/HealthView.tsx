import { memo, useDeferredValue, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useAppStore } from '../../store/useAppStore';
import { RUN_COLORS } from '../charts/chartColors';
import { CHART_MARGIN, GRID_STROKE, TICK } from '../charts/chartStyle';
import { healthSeries, latestHealth, layerName, logDomain, sci } from './healthMath';
import { HealthTable } from './HealthTable';
import { useStaggered } from '../charts/useStaggered';

const NO_LAYERS: never[] = [];
// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const X_DOMAIN = [0, 'dataMax'] as const;
const tipValue = (v: unknown) => sci(Number(v));
const tipLabel = (s: unknown) => `step ${String(s)}`;
// A live run's chart before its first measurement keeps its axes over a stand-in range with
// explicit ticks (recharts draws none for an axis without data): recharts then mounts them with the
// view, while the page is idle, not in the middle of training when the first measurement comes.
const WAITING_X_DOMAIN = [0, 1] as const;
const WAITING_X_TICKS = [0, 1];
const WAITING_Y_DOMAIN: [number, number] = [0.1, 1];
const WAITING_Y_TICKS = [0.1, 1];
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
  const yDomain = useMemo(() => logDomain(series), [series]);
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
              domain={latest ? X_DOMAIN : WAITING_X_DOMAIN}
              ticks={latest ? undefined : WAITING_X_TICKS}
              allowDataOverflow={!latest}
              tick={TICK}
            />
            <YAxis
              scale="log"
              domain={latest ? yDomain : WAITING_Y_DOMAIN}
              ticks={latest ? undefined : WAITING_Y_TICKS}
              allowDataOverflow
              tick={TICK}
              width={52}
              tickFormatter={sci}
            />
            <Tooltip formatter={tipValue} labelFormatter={tipLabel} />
            {latest?.layers.map((l) => (
              <Line
                key={l.layer}
                dataKey={`l${l.layer}`}
                name={layerName(layers[l.layer], l.layer)}
                stroke={RUN_COLORS[l.layer % RUN_COLORS.length]}
                dot={false}
                strokeWidth={1.5}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
});
