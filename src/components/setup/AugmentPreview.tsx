import { useEffect, useRef } from 'react';
import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { runActive } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { PREVIEW_COUNT } from '../../data/augment';
import type { Preview } from '../../store/trainingSlice';
import { writePixels } from '../common/imagePixels';
import { fmtInt } from '../common/format';

const COLS = 8;

/** Paints the preview's images into a grid on `canvas`. */
function paint(canvas: HTMLCanvasElement, p: Preview) {
  const [h, w] = p.shape;
  canvas.width = COLS * w;
  canvas.height = Math.ceil(p.count / COLS) * h;
  const ctx = canvas.getContext('2d')!;
  const out = ctx.createImageData(canvas.width, canvas.height);
  for (let k = 0; k < p.count; k++) writePixels(out, p.images, k, p.shape, (k % COLS) * w, Math.floor(k / COLS) * h);
  ctx.putImageData(out, 0, 0);
}

/**
 * The first images of a training batch after augmentation: before training, epoch 1's first batch
 * for the current seed and settings; while training, the batch being trained on (every ~2 s).
 */
export function AugmentPreview() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useAppStore((s) => s.preview);
  const [ready, augment, seed, trainSize, split, busy, colorMode] = useAppStore(
    useShallowItems(
      (s) =>
        [
          s.datasetState === 'ready',
          s.config.augment,
          s.config.seed,
          s.config.trainSize,
          s.config.validationSplit,
          runActive(s),
          s.config.colorMode,
        ] as const,
    ),
  );
  useEffect(() => {
    if (!ready || busy) return;
    const t = setTimeout(() => getTrainerClient().requestPreview(PREVIEW_COUNT), 150);
    return () => clearTimeout(t);
  }, [ready, augment, seed, trainSize, split, busy, colorMode]);
  useEffect(() => {
    if (canvas.current && preview) paint(canvas.current, preview);
  }, [preview]);
  if (!preview) return null;
  return (
    <figure className="augment-preview">
      <canvas
        ref={canvas}
        data-testid="augment.preview"
        data-live={preview.live ? 'true' : 'false'}
        data-settings={preview.settings}
        style={{ imageRendering: 'pixelated' }}
      />
      <figcaption className="hint" data-testid="augment.caption">
        {preview.live
          ? `Training now: epoch ${preview.epoch}, batch ${fmtInt(preview.batch)}`
          : 'First batch of epoch 1, as the network will see it'}
      </figcaption>
    </figure>
  );
}
