import { useDeferredValue, useMemo, useState } from 'react';
import { useThrottled } from '../common/useThrottled';
import { useStaggered } from './useStaggered';
import { EMPTY_LOSS_END, niceCeil, pointsPerLine } from './chartMath';
import { useRunLabels, useShownRuns } from '../runs/useRunLabels';
import { ChartFrame } from './ChartFrame';
import { BatchPlot } from './BatchPlot';
import { plannedEnd, seriesOf, type XAxisKind } from './batchSeries';
import { useSameItems } from '../common/useSameItems';
import { useAppStore } from '../../store/useAppStore';
import { plannedSamples } from '../../model/split';

/** Redraw at most this often while a run streams points. */
const REDRAW_MS = 1000;
/** With nothing to draw on the time axis: a minute. */
const EMPTY_TIME_END = 60;

/** Smoothed per-batch training loss of the picked runs against training samples seen or wall time. */
export function BatchChart() {
  const runs = useStaggered(useThrottled(useShownRuns(), REDRAW_MS));
  const planned = useAppStore((s) => plannedSamples(s.config));
  const labels = useRunLabels();
  const [x, setX] = useState<XAxisKind>('seen');
  const liveId = runs.find((r) => r.status === 'running')?.id ?? null;
  // The finished runs share a point budget, the training run (on its own layer) has its own: a run
  // starting leaves the finished lines, and so their layer, as they were.
  const series = useMemo(() => {
    const finishedMax = pointsPerLine(runs.length - (liveId === null ? 0 : 1));
    return runs.map((r) => seriesOf(r, x, r.id === liveId ? pointsPerLine(1) : finishedMax));
  }, [runs, x, liveId]);
  // Axis ends that stay put while a run streams in, so that the finished runs' layer is not redrawn.
  // The last batch of an epoch is counted whole, so a 60,000-sample run ends at 60,032: up to 1% past
  // the round end is clipped (under a pixel or so) rather than stretching the axis to 80k.
  // An empty chart keeps its axes, over the settings' plan, under its empty-state box: recharts then
  // mounts them (and measures their labels) while the page is idle, not as the first run starts,
  // and a run started on these settings leaves the horizontal axis as it is.
  const xEnd =
    runs.length > 0
      ? niceCeil(Math.max(0, ...runs.map((r) => plannedEnd(r, x))) / 1.01)
      : x === 'seen'
        ? niceCeil(planned / 1.01)
        : EMPTY_TIME_END;
  const yEnd = niceCeil(Math.max(0, ...series.map((s) => s.top))) || EMPTY_LOSS_END;
  const finished = useSameItems(series.filter((s) => s.id !== liveId));
  const live = series.find((s) => s.id === liveId) ?? null;
  // Lines and axis ends change together, at low priority: a new axis end redraws every finished line.
  const deferred = useDeferredValue(useMemo(() => ({ finished, live, xEnd, yEnd }), [finished, live, xEnd, yEnd]));
  return (
    <div className="chart" data-testid="chart.batch">
      <div className="chart-head">
        <h3>
          Training loss per batch <span className="muted small">(smoothed)</span>
        </h3>
        <select
          data-testid="chart.batch.x"
          aria-label="Horizontal axis"
          value={x}
          onChange={(e) => setX(e.target.value as XAxisKind)}
          title="What the horizontal axis measures"
        >
          <option value="seen">vs samples seen</option>
          <option value="time">vs wall time</option>
        </select>
      </div>
      <ChartFrame
        height={220}
        empty={series.every((s) => s.points.length === 0)}
        message="The training loss of every batch appears here, live, while a run trains."
      >
        <BatchPlot
          finished={deferred.finished}
          live={deferred.live}
          labels={labels}
          x={x}
          xEnd={deferred.xEnd}
          yEnd={deferred.yEnd}
        />
      </ChartFrame>
    </div>
  );
}
