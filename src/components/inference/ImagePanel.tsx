import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import { drawsDigits } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { coverRect, rgbaToBytes } from '../../data/preprocess';
import { PredictionBars } from './PredictionBars';
import { writePixels } from '../common/imagePixels';
import { ErrorMessage } from '../common/ErrorMessage';
import { ModelSourceLine } from './ModelSourceLine';

/** Decodes an image file and scales it to cover `w` x `h` (centre crop), as RGBA pixels. */
async function fileToRgba(file: File, w: number, h: number): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(file);
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  const r = coverRect(bitmap.width, bitmap.height, w, h);
  ctx.drawImage(bitmap, r.x, r.y, r.w, r.h, 0, 0, w, h);
  bitmap.close();
  return ctx.getImageData(0, 0, w, h).data;
}

/** Classify any image: drop or pick a file, or take a random test image; shows the input the model gets and its answer. */
export function ImagePanel() {
  const shape = useAppStore((s) => s.datasetInfo?.imageShape);
  const input = useAppStore((s) => s.imageInput);
  const probs = useAppStore((s) => s.imageProbs);
  const hint = useAppStore((s) => s.imageHint);
  const drawsDigitsHere = useAppStore(drawsDigits);
  const modelVersion = useAppStore((s) => s.modelVersion);
  const [error, setError] = useState<string | null>(null);
  const [over, setOver] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const client = getTrainerClient();

  useEffect(() => {
    if (!input || !canvas.current) return;
    const [h, w] = input.shape;
    canvas.current.width = w;
    canvas.current.height = h;
    const ctx = canvas.current.getContext('2d')!;
    const out = ctx.createImageData(w, h);
    writePixels(out, input.bytes, 0, input.shape);
    ctx.putImageData(out, 0, 0);
  }, [input]);
  // Re-classify the shown image whenever the model that answers changes (an epoch or run ended, a model was loaded).
  const reclassify = useEffectEvent(() => {
    const s = useAppStore.getState();
    if (s.imageInput) client.classifyImage(s.imageInput.bytes, s.imageInput.shape, s.imageInput.caption);
  });
  useEffect(() => reclassify(), [modelVersion]);

  const classify = async (f: File | undefined) => {
    if (!f || !shape) return;
    if (file.current) file.current.value = '';
    try {
      const rgba = await fileToRgba(f, shape[1], shape[0]);
      setError(null);
      client.classifyImage(rgbaToBytes(rgba, shape[2] === 3 ? 3 : 1), shape, f.name);
    } catch {
      setError(`${f.name} could not be read as an image. Pick a PNG, JPEG, GIF or WebP file.`);
    }
  };
  if (!shape) return null;
  return (
    <section
      className={`card image-panel${over ? ' over' : ''}`}
      data-testid="image.panel"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void classify(e.dataTransfer.files[0]);
      }}
    >
      <h2>Classify an image</h2>
      {/* Where there is no drawing pad (colour or larger images), whose model answers is said here. */}
      {!drawsDigitsHere && <ModelSourceLine />}
      <div className="row">
        <button
          type="button"
          data-testid="image.pick"
          onClick={() => file.current?.click()}
          title="Pick an image file (or drop one here); it is scaled and cropped to the dataset's image size"
        >
          Pick an image…
        </button>
        <button
          type="button"
          data-testid="image.random"
          onClick={() => client.randomTestImage()}
          title="Classify a random image from the test set"
        >
          Random test image
        </button>
        <input
          ref={file}
          type="file"
          accept="image/*"
          hidden
          data-testid="image.file"
          onChange={(e) => void classify(e.target.files?.[0])}
        />
      </div>
      <p className="muted small">or drop an image anywhere on this card</p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {input && (
        <figure className="image-input">
          <canvas ref={canvas} data-testid="image.input" />
          <figcaption className="muted small" data-testid="image.caption">
            {input.caption} · what the model gets ({input.shape.join('x')})
          </figcaption>
        </figure>
      )}
      {input && <PredictionBars probs={probs} hint={hint} testPrefix="image" emptyText="Classifying…" />}
    </section>
  );
}
