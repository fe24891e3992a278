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
  const stride = Math.ceil(points.length / max);
  const out = points.filter((_, i) => i % stride === 0);
  if (out[out.length - 1] !== points[points.length - 1]) out.push(points[points.length - 1]);
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
  let prevStep = 0, prevMs = 0, k = 0;
  for (const [step, ms] of timeline) {
    for (; k < Math.min(step, n); k++) out[k] = prevMs + ((k + 1 - prevStep) / (step - prevStep)) * (ms - prevMs);
    prevStep = step;
    prevMs = ms;
  }
  for (; k < n; k++) out[k] = prevMs;
  return out;
}
