import { memo, useCallback, useMemo, type RefObject } from 'react';
import {
  CartesianGrid,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { axisTicks, hoverGrid, nearestPoint } from './chartMath';
import { StaticLines, type StaticLine } from './StaticLines';
import { runColor } from './chartColors';
import { CHART_MARGIN, ChartTip, GRID_STROKE, LIVE_MARGIN, TICK, X_AXIS_HEIGHT, Y_AXIS_WIDTH } from './chartStyle';
import { useLatest } from '../common/useLatest';
import { fmtInt } from '../common/format';
import type { Series, XAxisKind } from './batchSeries';

interface PlotProps {
  finished: Series[];
  /** The run training now, if it is shown. */
  live: Series | null;
  labels: Map<number, string>;
  x: XAxisKind;
  /** Axis ends (positive: the lines are drawn on the scales they make). */
  xEnd: number;
  yEnd: number;
}

const HEIGHT = 220;

/**
 * The batch chart in two layers: the finished runs (drawn by hand, {@link StaticLines}) with the
 * axes, grid and tooltip, redrawn only when a run starts, ends or is picked; and over it the run
 * training now, alone in a chart with hidden axes, redrawn with each update. recharts recomputes every line of a chart when one
 * line's data change, so one chart cost ~5 ms per shown run at every redraw while training; and the live
 * line is drawn by hand too, so an update redraws one path without going through recharts' store.
 * The axis ends stay put during a run (`xEnd`, `yEnd`), which keeps the layers aligned, and are
 * kept as given (`allowDataOverflow`: recharts then does not recompute the scale from the data at
 * every redraw; explicit ticks and `niceTicks="none"`: nor stretch the axis to its next round tick).
 */
export function BatchPlot({ finished, live, labels, x, xEnd, yEnd }: PlotProps) {
  // Read by the tooltip when it shows, so that neither redraws the finished runs' layer.
  const liveRef = useLatest(live);
  const labelsRef = useLatest(labels);
  const xDomain = useMemo((): Domain => [0, xEnd], [xEnd]);
  const yDomain = useMemo((): Domain => [0, yEnd], [yEnd]);
  const xTicks = useMemo(() => axisTicks(xEnd), [xEnd]);
  const yTicks = useMemo(() => axisTicks(yEnd), [yEnd]);
  // The tooltip sits on the finished runs' layer (the live layer lets the pointer through) unless
  // there are none; either way it lists every run at the hovered x.
  const tipOnLive = finished.length === 0;
  return (
    <>
      <FinishedPlot
        series={finished}
        labelsRef={labelsRef}
        x={x}
        xDomain={xDomain}
        yDomain={yDomain}
        xTicks={xTicks}
        yTicks={yTicks}
        liveRef={liveRef}
        tooltip={!tipOnLive}
      />
      {/* Mounted while idle too: mounting a chart costs more than a redraw, at the click on Train. */}
      <div className="chart-layer" style={{ pointerEvents: tipOnLive && live ? 'auto' : 'none' }}>
        <LivePlot series={live} labelsRef={labelsRef} x={x} xDomain={xDomain} yDomain={yDomain} tooltip={tipOnLive} />
      </div>
    </>
  );
}

type Domain = readonly [number, number];

interface LayerProps {
  labelsRef: RefObject<Map<number, string>>;
  x: XAxisKind;
  xDomain: Domain;
  yDomain: Domain;
  tooltip: boolean;
}

const FinishedPlot = memo(function FinishedPlot({
  series,
  labelsRef,
  x,
  xDomain,
  yDomain,
  xTicks,
  yTicks,
  liveRef,
  tooltip,
}: LayerProps & { series: Series[]; liveRef: RefObject<Series | null>; xTicks: number[]; yTicks: number[] }) {
  const xTick = useCallback(
    (v: number) =>
      x === 'time' ? `${v < 10 ? v.toFixed(1) : v.toFixed(0)}s` : v >= 1000 ? `${+(v / 1000).toFixed(1)}k` : String(v),
    [x],
  );
  const tip = useTooltip(series, liveRef, labelsRef, x);
  const lines = useMemo(() => series.map(runLine), [series]);
  // The lines are drawn by hand (StaticLines), so the tooltip's stops come from this grid over the axis.
  const grid = useMemo(() => hoverGrid(xDomain[1]), [xDomain]);
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart margin={CHART_MARGIN} data={grid}>
        <CartesianGrid stroke={GRID_STROKE} />
        <XAxis
          dataKey="x"
          type="number"
          domain={xDomain}
          allowDataOverflow
          niceTicks="none"
          ticks={xTicks}
          tick={TICK}
          interval={0}
          tickFormatter={xTick}
          height={X_AXIS_HEIGHT}
        />
        <YAxis
          domain={yDomain}
          allowDataOverflow
          niceTicks="none"
          ticks={yTicks}
          tick={TICK}
          interval={0}
          width={Y_AXIS_WIDTH}
          tickFormatter={yTick}
        />
        {tooltip && <Tooltip content={tip} />}
        <StaticLines lines={lines} />
      </LineChart>
    </ResponsiveContainer>
  );
});

/**
 * The live layer. Its elements other than the line are made once per axis change: recharts
 * re-registers an axis whenever its element re-renders (a new props object), and then recomputes
 * its scale and ticks.
 */
const LivePlot = memo(function LivePlot({
  series,
  labelsRef,
  x,
  xDomain,
  yDomain,
  tooltip,
}: LayerProps & { series: Series | null }) {
  const shown = useMemo(() => (tooltip && series ? [series] : NO_SERIES), [tooltip, series]);
  const tip = useTooltip(shown, null, labelsRef, x);
  // The tooltip's stops, when it sits on this layer (no finished runs to hover).
  const grid = useMemo(() => (tooltip ? hoverGrid(xDomain[1]) : undefined), [tooltip, xDomain]);
  const axes = useMemo(
    () => (
      <>
        <XAxis dataKey="x" type="number" domain={xDomain} allowDataOverflow niceTicks="none" hide />
        <YAxis domain={yDomain} allowDataOverflow niceTicks="none" hide />
      </>
    ),
    [xDomain, yDomain],
  );
  const lines = useMemo(() => (series ? [runLine(series)] : []), [series]);
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart margin={LIVE_MARGIN} data={grid}>
        {axes}
        {tooltip && <Tooltip content={tip} />}
        <StaticLines lines={lines} />
      </LineChart>
    </ResponsiveContainer>
  );
});

const runLine = (s: Series): StaticLine => ({
  key: String(s.id),
  points: s.points,
  stroke: runColor(s.id),
  width: 1.5,
});

const NO_SERIES: Series[] = [];

/**
 * Tooltip content listing each run's smoothed loss at the hovered x (its nearest point): runs
 * are downsampled with different strides, so the same index is a different x in each.
 *
 * The content changes with `series`, so that a redraw of the layer that holds the tooltip (a run
 * joining the finished runs while the pointer rests) lists what it draws; a ref updated after the
 * render would be read one render late, and a resting pointer kept the old list. The run training now
 * (`liveRef`, read when the tooltip draws, so that its updates do not redraw the finished runs'
 * layer) is left out once it is among `series`: for one render the finished runs hold it and the ref
 * still does.
 */
function useTooltip(
  series: Series[],
  liveRef: RefObject<Series | null> | null,
  labelsRef: RefObject<Map<number, string>>,
  x: XAxisKind,
) {
  return useCallback(
    ({ active, label }: TooltipContentProps) => {
      if (!active || label == null) return null;
      const at = Number(label);
      const live = liveRef?.current;
      const all = live && !series.some((s) => s.id === live.id) ? [...series, live] : series;
      const rows = all.flatMap((s) => {
        const p = nearestPoint(s.points, at);
        return p ? [{ id: s.id, loss: p.y }] : [];
      });
      if (rows.length === 0) return null;
      return (
        <ChartTip
          label={x === 'time' ? `${at.toFixed(1)} s` : `${fmtInt(at)} samples`}
          rows={rows.map((r) => ({
            key: r.id,
            color: runColor(r.id),
            text: `${labelsRef.current.get(r.id) ?? `run ${r.id}`}: ${r.loss.toFixed(4)}`,
          }))}
        />
      );
    },
    [series, liveRef, labelsRef, x],
  );
}

// Constant props: recharts redoes its layout when their identity changes (see chartStyle.ts).
const yTick = (v: number) => v.toFixed(2);
