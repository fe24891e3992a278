/** Exponential moving average with bias correction (TensorBoard-style smoothing), weight in [0, 1). */
export function smooth(values: number[], weight: number): number[] {
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    last = last * weight + (1 - weight) * v;
    debias = debias * weight + (1 - weight);
    return last / debias;
  });
}

/**
 * Keeps at most `max` points by taking every k-th one (always keeping the last), so charts
 * stay cheap however long a run is.
 */
export function downsample<T>(points: T[], max: number): T[] {
  if (points.length <= max) return points;
  return keptIndices(points.length, max).map((i) => points[i]);
}

/**
 * The indices of `n` points that {@link downsample} keeps: so a caller with a million values (batch 1, 20 epochs)
 * builds chart points for the few hundred kept ones only.
 */
export function keptIndices(n: number, max: number): number[] {
  const stride = n <= max ? 1 : Math.ceil(n / max);
  const out: number[] = [];
  for (let i = 0; i < n; i += stride) out.push(i);
  if (n > 0 && out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/**
 * Points per line when `lines` runs share a live chart: recharts' redraw cost grows with the
 * total point count (4 runs at 400 points each made 50-80 ms main-thread tasks on a 2-core
 * machine while training), so the budget is shared, between 60 and 300 points per line.
 */
export function pointsPerLine(lines: number, total = 720): number {
  return Math.max(60, Math.min(300, Math.floor(total / Math.max(1, lines))));
}

/** Seconds left given work remaining and the measured rate; Infinity while the rate is unknown. */
export function etaSeconds(remaining: number, perSecond: number): number {
  return perSecond > 0 ? remaining / perSecond : Infinity;
}

/**
 * Wall time (ms since the run started) at which each of `n` steps ended, interpolated linearly
 * between progress reports `timeline` of (steps done, ms); steps before the first report are
 * spread from 0.
 */
export function stepTimes(timeline: [number, number][], n: number): number[] {
  const out = new Array<number>(n);
  let prevStep = 0,
    prevMs = 0,
    k = 0;
  for (const [step, ms] of timeline) {
    for (; k < Math.min(step, n); k++) out[k] = prevMs + ((k + 1 - prevStep) / (step - prevStep)) * (ms - prevMs);
    prevStep = step;
    prevMs = ms;
  }
  for (; k < n; k++) out[k] = prevMs;
  return out;
}

/**
 * The smallest "round" number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or
 * above `v`, for chart axis ends that stay put while a value creeps up, with at most 25% to
 * spare; 0 for 0 or less.
 */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of NICE_STEPS) if (m * p >= v * (1 - 1e-12)) return +(m * p).toPrecision(12);
  return 10 * p;
}
const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * A loss axis's end while it has nothing to draw: ln 10 ≈ 2.30 (a ten-class guess's cross-entropy)
 * rounded up, where a new run's first losses usually land, so that they seldom move the axis.
 */
export const EMPTY_LOSS_END = 2.5;

/**
 * The point of `points` (sorted by x) nearest to `x`, or null when `x` lies beyond either end by
 * more than the average spacing of the points: a chart's tooltip then leaves out a run that has
 * no data there (a shorter run, or one still training).
 */
export function nearestPoint<P extends { x: number }>(points: P[], x: number): P | null {
  const n = points.length;
  if (n === 0 || !Number.isFinite(x)) return null;
  const first = points[0].x,
    last = points[n - 1].x;
  const slack = n > 1 ? (last - first) / (n - 1) : Math.abs(first);
  if (x < first - slack || x > last + slack) return null;
  let lo = 0,
    hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].x <= x) lo = mid;
    else hi = mid;
  }
  return Math.abs(points[hi].x - x) < Math.abs(points[lo].x - x) ? points[hi] : points[lo];
}

/**
 * Tick values from 0 up to `end` (itself round, see {@link niceCeil}): the roundest step (1, 2, 5,
 * 2.5, 3 or 4 times a power of ten, in that order) that divides `end` into 3 to 5 intervals (else
 * 2 to 6, else the end may fall between ticks); none for an end of 0 or less.
 */
export function axisTicks(end: number): number[] {
  if (!(end > 0)) return [];
  const p = 10 ** Math.floor(Math.log10(end / 5));
  const steps = [1, 2, 5, 2.5, 3, 4].flatMap((m) => [1, 10, 100].map((k) => m * k * p));
  const whole = (s: number) => Math.abs(end / s - Math.round(end / s)) < 1e-9;
  const step =
    steps.find((s) => whole(s) && end / s >= 3 - 1e-9 && end / s <= 5 + 1e-9) ??
    steps.find((s) => whole(s) && end / s >= 2 - 1e-9 && end / s <= 6 + 1e-9) ??
    steps.filter((s) => end / s <= 5 + 1e-9).sort((a, b) => a - b)[0];
  const n = Math.floor(end / step + 1e-9);
  return Array.from({ length: n + 1 }, (_, i) => +(i * step).toPrecision(12));
}

/**
 * A percent axis that ends at 100: from the data's minimum rounded down to a multiple of ten
 * (0 when there is no data), with ticks every 10 points (every 20 when the span is wider than 50,
 * the lowest tick at or below the minimum).
 */
export function percentAxis(values: number[]): { domain: [number, number]; ticks: number[] } {
  const finite = values.filter(Number.isFinite);
  const low = finite.length ? Math.max(0, Math.min(90, Math.floor(Math.min(...finite) / 10) * 10)) : 0;
  const step = 100 - low > 50 ? 20 : 10;
  const ticks: number[] = [];
  for (let t = 100; ; t -= step) {
    ticks.unshift(t);
    if (t <= low) break;
  }
  return { domain: [ticks[0], 100], ticks };
}

/** A point of a line drawn by hand (see StaticLines). */
export interface XY {
  x: number;
  y: number;
}

/**
 * An SVG path through `points` mapped by the scales `sx`, `sy` (data to pixels), skipping the points
 * a scale cannot place or whose value is not finite (a diverged loss): the line joins the points on
 * either side, as recharts' `connectNulls` does. Pixels rounded to 0.1. Empty with no point to draw.
 */
export function linePath(points: readonly XY[], sx: (v: number) => unknown, sy: (v: number) => unknown): string {
  let d = '';
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const [x, y] = [sx(p.x), sy(p.y)];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) continue;
    d += `${d ? 'L' : 'M'}${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`;
  }
  return d;
}

/**
 * `n` evenly spaced positions from 0 to `end` (both included): where a chart whose lines are drawn by
 * hand lets its tooltip stop, since recharts finds tooltip positions only in the data it is given.
 */
export function hoverGrid(end: number, n = 241): { x: number }[] {
  if (!(end > 0) || n < 2) return [];
  return Array.from({ length: n }, (_, i) => ({ x: (end * i) / (n - 1) }));
}
