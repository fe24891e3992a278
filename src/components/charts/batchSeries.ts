import { keptIndices, smooth, stepTimes, type XY } from './chartMath';
import type { Run } from '../../store/runsSlice';
import { plannedSamples } from '../../model/split';

/** What the batch chart's horizontal axis measures. */
export type XAxisKind = 'seen' | 'time';

/** One run's line in the batch chart. */
export interface Series {
  id: number;
  /** x: samples seen or seconds; y: the smoothed loss. */
  points: XY[];
  /** The highest smoothed loss. */
  top: number;
}

/** Series already made, per run object: a finished run keeps its object, so its line is made once. */
const made = new WeakMap<Run, { key: string; series: Series }>();

/**
 * A run's smoothed (EMA 0.9) per-batch loss against samples seen or seconds since it started,
 * downsampled to at most `max` points.
 */
export function seriesOf(r: Run, x: XAxisKind, max: number): Series {
  const key = `${x}:${max}`;
  const hit = made.get(r);
  if (hit?.key === key) return hit.series;
  const times = x === 'time' ? stepTimes(r.timeline, r.batchLoss.length) : [];
  const smoothed = smooth(r.batchLoss, 0.9);
  const series = {
    id: r.id,
    points: keptIndices(smoothed.length, max).map((step) => ({
      x: x === 'time' ? times[step] / 1000 : (step + 1) * r.config.batchSize,
      y: smoothed[step],
    })),
    top: smoothed.reduce((m, v) => (v > m && Number.isFinite(v) ? v : m), 0),
  };
  made.set(r, { key, series });
  return series;
}

/**
 * Where a run's line will end on the x axis: for a run still training, the samples its settings
 * plan or the seconds they will take at its current speed; for the others, their last point.
 * Read from the run alone, so the axis moves with the run list the chart draws, never before it.
 */
export function plannedEnd(r: Run, x: XAxisKind): number {
  const seen = r.batchLoss.length * r.config.batchSize;
  const planned = plannedSamples(r.config);
  if (x === 'seen') return Math.max(seen, r.status === 'running' ? planned : 0);
  const elapsed = (r.timeline.at(-1)?.[1] ?? 0) / 1000;
  if (r.status !== 'running' || !(r.samplesPerSec > 0) || planned <= seen) return elapsed;
  return elapsed + (planned - seen) / r.samplesPerSec;
}
