import type { Histogram } from '../../model/health';

/** A histogram as a small bar sparkline, with its range in the hover text; an empty slot of the same size before it is measured. */
export function MiniHistogram({ h, label }: { h: Histogram | null; label: string }) {
  const w = 72,
    ht = 20;
  if (!h) return <svg width={w} height={ht} className="mini-hist" aria-hidden="true" />;
  const top = Math.max(1, ...h.counts);
  const bw = w / Math.max(1, h.counts.length);
  return (
    <svg
      width={w}
      height={ht}
      className="mini-hist"
      role="img"
      aria-label={`${label} from ${h.min.toPrecision(3)} to ${h.max.toPrecision(3)}`}
    >
      <title>{`${label}: ${h.min.toPrecision(3)} … ${h.max.toPrecision(3)}`}</title>
      {h.counts.map((c, i) => {
        const bh = c ? Math.max(1, (c / top) * ht) : 0;
        return <rect key={i} x={i * bw} y={ht - bh} width={Math.max(1, bw - 0.5)} height={bh} />;
      })}
    </svg>
  );
}
