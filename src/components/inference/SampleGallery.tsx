import { useEffect, useRef } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { writePixels } from '../common/imagePixels';

/** One test image at 2x with what it is, what the model said and how sure it was. */
function Sample({
  bytes,
  k,
  shape,
  caption,
  wrong,
}: {
  bytes: Uint8Array;
  k: number;
  shape: [number, number, number];
  caption: string;
  wrong: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current!;
    c.width = shape[1];
    c.height = shape[0];
    const ctx = c.getContext('2d')!;
    const out = ctx.createImageData(shape[1], shape[0]);
    writePixels(out, bytes, k, shape);
    ctx.putImageData(out, 0, 0);
  }, [bytes, k, shape]);
  return (
    <figure className={`sample${wrong ? ' wrong' : ''}`} data-testid="eval.sample">
      <canvas ref={canvas} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

/** The test images behind the chosen confusion-matrix cell, or the most confident mistakes. */
export function SampleGallery() {
  const gallery = useAppStore((s) => s.gallery);
  const e = useAppStore((s) => s.evaluation);
  if (!gallery || !e) return null;
  const title =
    gallery.cell === 'mistakes'
      ? 'Most confident mistakes'
      : `True ${e.classes[gallery.cell.t]}, predicted ${e.classes[gallery.cell.p]}`;
  const n = e.classes.length;
  return (
    <div className="gallery" data-testid="eval.gallery">
      <h3>
        {title}{' '}
        <span className="muted small">
          · {gallery.indices.length === 0 ? 'none' : `${gallery.indices.length} shown, most confident first`}
        </span>
      </h3>
      <div className="samples">
        {gallery.images &&
          gallery.shape &&
          gallery.indices.map((idx, k) => {
            const p = e.predicted[idx];
            const caption = `${e.classes[e.labels[idx]]} → ${e.classes[p]} ${(e.probs[idx * n + p] * 100).toFixed(0)}%`;
            return (
              <Sample
                key={idx}
                bytes={gallery.images!}
                k={k}
                shape={gallery.shape!}
                caption={caption}
                wrong={p !== e.labels[idx]}
              />
            );
          })}
      </div>
    </div>
  );
}
