import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/useAppStore';
import { getTrainerClient } from '../workers/trainerClient';
import { PREVIEW_COUNT } from '../data/augment';
import type { Preview } from '../store/trainingSlice';

const COLS = 8;

/** Paints uint8 images (h·w·c each) into a grid on `canvas`. */
function paint(canvas: HTMLCanvasElement, p: Preview) {
  const [h, w, c] = p.shape;
  const rows = Math.ceil(p.count / COLS);
  canvas.width = COLS * w;
  canvas.height = rows * h;
  const ctx = canvas.getContext('2d')!;
  const out = ctx.createImageData(canvas.width, canvas.height);
  for (let k = 0; k < p.count; k++) {
    const ox = (k % COLS) * w, oy = Math.floor(k / COLS) * h;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const src = ((k * h + y) * w + x) * c;
        const rgb = c === 3 ? [p.images[src], p.images[src + 1], p.images[src + 2]] : [p.images[src], p.images[src], p.images[src]];
        out.data.set([...rgb, 255], ((oy + y) * canvas.width + ox + x) * 4);
      }
    }
  }
  ctx.putImageData(out, 0, 0);
}

/**
 * The first images of a training batch after augmentation: before training, epoch 1's first batch
 * for the current seed and settings; while training, the batch being trained on (every ~2 s).
 */
export function AugmentPreview() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useAppStore((s) => s.preview);
  const [ready, augment, seed, trainSize, split, busy] = useAppStore(useShallow((s) => [s.datasetState === 'ready',
    s.config.augment, s.config.seed, s.config.trainSize, s.config.validationSplit, s.status === 'running' || s.status === 'paused'] as const));
  useEffect(() => {
    if (!ready || busy) return;
    const t = setTimeout(() => getTrainerClient().requestPreview(PREVIEW_COUNT), 150);
    return () => clearTimeout(t);
  }, [ready, augment, seed, trainSize, split, busy]);
  useEffect(() => {
    if (canvas.current && preview) paint(canvas.current, preview);
  }, [preview]);
  if (!preview) return null;
  return (
    <figure className="augment-preview">
      <canvas ref={canvas} data-testid="augment.preview" data-live={preview.live ? 'true' : 'false'}
        data-settings={preview.settings}
        style={{ imageRendering: 'pixelated' }} />
      <figcaption className="hint" data-testid="augment.caption">
        {preview.live ? `Training now: epoch ${preview.epoch}, batch ${preview.batch.toLocaleString('en-US')}` : 'First batch of epoch 1, as the network will see it'}
      </figcaption>
    </figure>
  );
}
