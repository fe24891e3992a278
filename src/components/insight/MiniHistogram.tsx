import { memo } from 'react';
import type { Histogram } from '../../model/health';
import { histogramPath } from './healthMath';

/** A histogram as a small bar sparkline, with its range in the hover text; an empty slot of the same size before it is measured. */
export const MiniHistogram = memo(function MiniHistogram({ h, label }: { h: Histogram | null; label: string }) {
  const w = 72,
    ht = 20;
  if (!h) return <svg width={w} height={ht} className="mini-hist" aria-hidden="true" />;
  return (
    <svg
      width={w}
      height={ht}
      className="mini-hist"
      role="img"
      aria-label={`${label} from ${h.min.toPrecision(3)} to ${h.max.toPrecision(3)}`}
    >
      <title>{`${label}: ${h.min.toPrecision(3)} … ${h.max.toPrecision(3)}`}</title>
      <path d={histogramPath(h.counts, w, ht)} />
    </svg>
  );
});
