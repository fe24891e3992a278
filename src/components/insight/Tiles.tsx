import { useEffect, useRef } from 'react';

/**
 * Feature maps (h, w, c; channels last) as c greyscale tiles in one canvas, `cols` to a row, each
 * scaled by the layer's largest magnitude (so maps compare within a layer). Negative values are
 * drawn in a warm tint.
 */
export function Tiles({
  values,
  shape,
  cols = 8,
  testId,
}: {
  values: Float32Array;
  shape: number[];
  cols?: number;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  const across = Math.min(c, cols);
  const rows = Math.ceil(c / across);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const W = across * (w + 1) - 1,
      H = rows * (h + 1) - 1;
    canvas.width = W;
    canvas.height = H;
    const ctx = canvas.getContext('2d')!;
    const img = ctx.createImageData(W, H);
    img.data.fill(255);
    let top = 1e-12;
    for (let i = 0; i < values.length; i++) top = Math.max(top, Math.abs(values[i]));
    for (let k = 0; k < c; k++) {
      const ox = (k % across) * (w + 1),
        oy = Math.floor(k / across) * (h + 1);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const v = values[(y * w + x) * c + k] / top;
          const at = ((oy + y) * W + ox + x) * 4;
          const g = Math.round(255 * (1 - Math.abs(v)));
          img.data[at] = v < 0 ? 255 : g;
          img.data[at + 1] = v < 0 ? Math.round(255 - 120 * -v) : g;
          img.data[at + 2] = v < 0 ? Math.round(255 - 200 * -v) : g;
        }
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, h, w, c, across, rows]);
  // Every map at about the same size on screen, whatever its resolution (28x28 or 5x5).
  return <canvas ref={ref} className="tiles" data-testid={testId} style={{ width: across * 40 }} />;
}

/** Class probabilities as labelled bars (one column per class, the most likely one marked). */
export function ClassBars({ probs, labels, testId }: { probs: ArrayLike<number>; labels: string[]; testId?: string }) {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return (
    <div className="class-bars" data-testid={testId} style={{ gridTemplateColumns: `repeat(${probs.length}, 1fr)` }}>
      {Array.from(probs, (p, i) => (
        <div
          key={i}
          className={i === best ? 'class-bar top' : 'class-bar'}
          title={`${labels[i]}: ${(p * 100).toFixed(1)}%`}
        >
          <div className="class-bar-track">
            <div className="class-bar-fill" style={{ height: `${Math.max(p * 100, 1)}%` }} />
          </div>
          <span className="class-bar-label">{labels[i]}</span>
        </div>
      ))}
    </div>
  );
}

/** Units of a vector as bars (positive up, negative down, scaled by the largest magnitude). */
export function UnitBars({ values }: { values: ArrayLike<number> }) {
  const n = values.length;
  let top = 1e-12;
  for (let i = 0; i < n; i++) top = Math.max(top, Math.abs(values[i]));
  const W = 300,
    H = 40,
    bw = W / n;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="unit-bars"
      preserveAspectRatio="none"
      role="img"
      aria-label={`${n} units`}
    >
      <line x1={0} x2={W} y1={H / 2} y2={H / 2} className="axis" />
      {Array.from({ length: n }, (_, i) => {
        const v = values[i] / top;
        const bh = (Math.abs(v) * H) / 2;
        return (
          <rect
            key={i}
            x={i * bw}
            y={v >= 0 ? H / 2 - bh : H / 2}
            width={Math.max(0.6, bw - 0.3)}
            height={bh}
            className={v >= 0 ? 'pos' : 'neg'}
          />
        );
      })}
    </svg>
  );
}
