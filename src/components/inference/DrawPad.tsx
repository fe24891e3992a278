import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { IMAGE_SIZE } from '../../data/preprocess';
import { digitSteps, type Stroke } from '../../data/strokes';
import { getTrainerClient } from '../../client/trainerClient';
import { useAppStore } from '../../store/useAppStore';
import { drawsDigits } from '../../store/selectors';
import { PredictionBars } from './PredictionBars';
import { ModelFileButtons } from './ModelFileButtons';
import { ModelSourceLine } from './ModelSourceLine';
import { TeachPanel } from './TeachPanel';

const SIZE = 280;
const PEN = 20;

function drawPreview(preview: HTMLCanvasElement, img: Float32Array | null) {
  const ctx = preview.getContext('2d')!;
  const out = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
  for (let i = 0; i < IMAGE_SIZE * IMAGE_SIZE; i++) {
    const v = Math.round((img?.[i] ?? 0) * 255);
    out.data.set([v, v, v, 255], i * 4);
  }
  ctx.putImageData(out, 0, 0);
}

/** Drawing canvas (mouse, touch, pen), the 28x28 image the model sees, and its prediction. */
export function DrawPad() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const pending = useRef(false);
  /** The drawing as pen strokes: the model sees them redrawn with MNIST's pen width (see data/strokes.ts). */
  const strokes = useRef<Stroke[]>([]);
  const hasInk = useRef(false);
  const [blank, setBlank] = useState(true);
  const modelVersion = useAppStore((s) => s.modelVersion);
  /** The canvas makes 28x28 gray images: it is for MNIST-like datasets (digits, Fashion-MNIST sketches). */
  const digitLike = useAppStore(drawsDigits);
  const probs = useAppStore((s) => s.probs);
  const hint = useAppStore((s) => s.predictionHint);

  const update = () => {
    pending.current = false;
    const steps = digitSteps(strokes.current);
    const img = steps?.image ?? null;
    drawPreview(preview.current!, img);
    useAppStore.getState().setDrawing(img ? Uint8Array.from(img, (v) => Math.round(v * 255)) : null);
    if (steps && useAppStore.getState().activationsOpen)
      getTrainerClient().inspect({ pixels: steps.image.slice(), steps });
    if (img) getTrainerClient().predict(img.slice());
    else useAppStore.getState().setPrediction(null, 'Draw a digit in the box.');
  };
  const schedule = () => {
    if (!pending.current) {
      pending.current = true;
      requestAnimationFrame(update);
    }
  };

  // Re-classify the drawing whenever the model that answers changes (a run began, an epoch or run ended, a model was loaded).
  const reclassify = useEffectEvent(() => {
    if (hasInk.current) schedule();
  });
  const inspecting = useAppStore((s) => s.activationsOpen);
  useEffect(() => reclassify(), [modelVersion, inspecting]);

  useEffect(() => drawPreview(preview.current!, null), []);

  const point = (e: { clientX: number; clientY: number }) => {
    const r = canvas.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * SIZE) / r.width, y: ((e.clientY - r.top) * SIZE) / r.height };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = canvas.current!.getContext('2d')!;
    const from = last.current ?? to;
    ctx.strokeStyle = '#111827';
    ctx.lineWidth = PEN;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y);
    ctx.stroke();
    last.current = to;
    strokes.current.at(-1)?.push(to);
    if (!hasInk.current) setBlank(false);
    hasInk.current = true;
    schedule();
  };
  const clear = () => {
    canvas.current!.getContext('2d')!.clearRect(0, 0, SIZE, SIZE);
    strokes.current = [];
    hasInk.current = false;
    setBlank(true);
    schedule();
  };

  if (!digitLike) return null;
  return (
    <section className="card draw" id="draw">
      <h2>Draw a digit</h2>
      <div className="drawpad-wrap">
        <canvas
          ref={canvas}
          width={SIZE}
          height={SIZE}
          className="drawpad"
          data-testid="canvas.draw"
          aria-label="Drawing area: draw a digit with mouse, finger or pen"
          onPointerDown={(e) => {
            e.currentTarget.setPointerCapture(e.pointerId);
            last.current = null;
            strokes.current.push([]);
            stroke(point(e));
          }}
          onPointerMove={(e) => {
            if (!e.buttons && !(e.pointerType === 'touch' && last.current)) return;
            // A pen pressed outside the box and moved in starts a stroke of its own.
            if (!last.current) strokes.current.push([]);
            // The browser hands over one move per frame; a fast stroke's other points are in
            // getCoalescedEvents, and without them curves drawn quickly come out as straight lines.
            const moves = e.nativeEvent.getCoalescedEvents?.() ?? [];
            for (const m of moves.length ? moves : [e]) stroke(point(m));
          }}
          onPointerUp={() => (last.current = null)}
          onPointerCancel={() => (last.current = null)}
        />
        {blank && (
          <span className="canvas-hint" data-testid="canvas.hint" aria-hidden>
            Draw a digit here
          </span>
        )}
      </div>
      <div className="row">
        <button data-testid="canvas.clear" onClick={clear}>
          Clear
        </button>
        <div className="preview-wrap">
          <canvas
            ref={preview}
            width={IMAGE_SIZE}
            height={IMAGE_SIZE}
            className="preview"
            data-testid="canvas.preview"
            aria-label="The 28x28 image the model sees"
          />
          <span className="muted small">what the model sees</span>
        </div>
      </div>
      <ModelSourceLine />
      <PredictionBars probs={probs} hint={hint} />
      <ModelFileButtons />
      <TeachPanel />
    </section>
  );
}
