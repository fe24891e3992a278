import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../../store/useAppStore';
import type { LayerOutput } from '../../model/inspect';
import { IMAGE_SIZE } from '../../data/preprocess';
import { ClassBars, Tiles, UnitBars } from './Tiles';
import { getTrainerClient } from '../../client/trainerClient';

const NAMES: Record<string, string> = {
  Conv2D: 'Conv',
  MaxPooling2D: 'Max pool',
  AveragePooling2D: 'Avg pool',
  Flatten: 'Flatten',
  Dense: 'Dense',
  Dropout: 'Dropout',
  SeededDropout: 'Dropout',
  BatchNormalization: 'BatchNorm',
  GlobalAveragePooling2D: 'Global avg pool',
};

const NO_CLASSES: string[] = [];

const softmax = (v: Float32Array) => {
  const m = Math.max(...v);
  const e = Array.from(v, (x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

/** The class the model reads: the largest output (the saliency's class may be another, chosen). */
function answerOf(inspection: { layers: LayerOutput[] }): number {
  const out = inspection.layers[inspection.layers.length - 1].values;
  let best = 0;
  for (let i = 1; i < out.length; i++) if (out[i] > out[best]) best = i;
  return best;
}

/** A 28x28 image scaled up, with an optional heat overlay (saliency) and the 20x20 box or the centre marked. */
function Picture({
  img,
  heat,
  mark,
  testId,
}: {
  img: Float32Array;
  heat?: Float32Array;
  mark?: 'box' | 'centre';
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current!.getContext('2d')!;
    const out = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
    for (let i = 0; i < IMAGE_SIZE * IMAGE_SIZE; i++) {
      const v = Math.round(255 * img[i]);
      const h = heat ? heat[i] : 0;
      out.data.set([Math.min(255, v + 255 * h), Math.round(v * (1 - 0.6 * h)), Math.round(v * (1 - h)), 255], i * 4);
    }
    ctx.putImageData(out, 0, 0);
  }, [img, heat]);
  return (
    <span className="picture">
      <canvas ref={ref} width={IMAGE_SIZE} height={IMAGE_SIZE} data-testid={testId} />
      {mark === 'box' && <span className="mark-box" />}
      {mark === 'centre' && <span className="mark-centre" />}
    </span>
  );
}

/** One layer's output: maps as tiles, vectors as bars, the output as class probabilities. */
function LayerRowView({
  l,
  index,
  last,
  classes,
}: {
  l: LayerOutput;
  index: number;
  last: boolean;
  classes: string[];
}) {
  const [showFilters, setShowFilters] = useState(false);
  const maps = l.shape.length === 3 ? l.shape[2] : l.shape[0];
  const name = last ? 'Output (softmax)' : `${NAMES[l.kind] ?? l.kind} → ${l.shape.join('x')}`;
  return (
    <li className="act-row" data-testid="activations.layer" data-layer={index} data-maps={maps}>
      <div className="act-head">
        <span className="strong">
          {index + 1} · {name}
        </span>
        {l.filters && (
          <button
            type="button"
            className="link"
            data-testid="activations.filters"
            aria-expanded={showFilters}
            onClick={() => setShowFilters(!showFilters)}
            title="The kernels this layer slides over its input"
          >
            {showFilters ? 'Hide filters' : 'Show filters'}
          </button>
        )}
      </div>
      {last ? (
        <ClassBars probs={softmax(l.values)} labels={classes} testId="activations.softmax" />
      ) : l.shape.length === 3 ? (
        <Tiles values={l.values} shape={l.shape} />
      ) : (
        <UnitBars values={l.values} />
      )}
      {showFilters && l.filters && (
        <div className="filters" data-testid="activations.filterTiles">
          <span className="muted small">
            {l.filters.shape[3]} filters of {l.filters.shape[0]}x{l.filters.shape[1]}
            {l.filters.shape[2] > 1 ? `, averaged over ${l.filters.shape[2]} input maps` : ''}
          </span>
          <Tiles
            values={meanOverInputs(l.filters.values, l.filters.shape)}
            shape={[l.filters.shape[0], l.filters.shape[1], l.filters.shape[3]]}
            cols={16}
          />
        </div>
      )}
    </li>
  );
}

/** A kernel [kh, kw, in, out] averaged over its inputs: [kh, kw, out]. */
function meanOverInputs(values: Float32Array, [kh, kw, cin, cout]: number[]): Float32Array {
  const out = new Float32Array(kh * kw * cout);
  for (let p = 0; p < kh * kw; p++)
    for (let i = 0; i < cin; i++)
      for (let o = 0; o < cout; o++) out[p * cout + o] += values[(p * cin + i) * cout + o] / cin;
  return out;
}

/**
 * Inside a prediction: how the drawing became the model's input, step by step; where in it the
 * answer looks (saliency); and what every layer makes of it, updating while the person draws.
 */
export function ActivationsPanel() {
  const open = useAppStore((s) => s.activationsOpen);
  const inspection = useAppStore((s) => s.inspection);
  const hint = useAppStore((s) => s.inspectionHint);
  const classes = useAppStore((s) => s.datasetInfo?.classes ?? NO_CLASSES);
  const saliencyClass = useAppStore((s) => s.saliencyClass);
  const normalisation = useAppStore((s) => {
    const src = s.modelSource;
    const run = src?.kind === 'run' ? s.runs.find((r) => r.id === src.runId) : null;
    return run?.config.normalization ?? 'unit';
  });
  return (
    <section className="card" data-testid="activations">
      <details
        open={open}
        onToggle={(e) => useAppStore.getState().setActivationsOpen((e.target as HTMLDetailsElement).open)}
      >
        <summary
          data-testid="activations.open"
          aria-expanded={open}
          title="Every layer's output for your drawing, and how the drawing becomes the model's input"
        >
          <h2 className="inline">Inside a prediction</h2>
        </summary>
        {!inspection ? (
          <p className="muted small">
            {hint ??
              'Draw a digit (or classify an image): every layer of the model that answers shows what it makes of it.'}
          </p>
        ) : (
          <>
            {inspection.steps && (
              <div className="steps" data-testid="canvas.steps">
                <figure>
                  <Picture img={inspection.steps.boxed} mark="box" testId="canvas.step.boxed" />
                  <figcaption>
                    1 · The strokes' box ({Math.round(inspection.steps.box.x1 - inspection.steps.box.x0)}x
                    {Math.round(inspection.steps.box.y1 - inspection.steps.box.y0)} px) scaled into 20x20, drawn with
                    MNIST's pen
                  </figcaption>
                </figure>
                <figure>
                  <Picture img={inspection.steps.image} mark="centre" testId="canvas.step.centred" />
                  <figcaption>2 · Moved so its centre of mass is at the centre of 28x28</figcaption>
                </figure>
                <figure>
                  <Picture img={inspection.steps.image} heat={inspection.saliency} testId="activations.saliency" />
                  <figcaption>
                    3 · Normalised ({normalisation === 'unit' ? 'pixels in [0, 1]' : normalisation}); red: where{' '}
                    <select
                      className="inline-select"
                      data-testid="activations.saliencyClass"
                      aria-label="Class whose saliency is drawn"
                      title="Whose saliency: the class the model reads, or any other (why not a 9?)"
                      value={saliencyClass ?? ''}
                      onChange={(e) =>
                        getTrainerClient().showSaliencyOf(e.target.value === '' ? null : Number(e.target.value))
                      }
                    >
                      <option value="">the answer ({classes[answerOf(inspection)] ?? answerOf(inspection)})</option>
                      {classes.map((c, i) => (
                        <option key={i} value={i}>
                          {c}
                        </option>
                      ))}
                    </select>{' '}
                    looks (saliency)
                  </figcaption>
                </figure>
              </div>
            )}
            <ol className="act-layers">
              {inspection.layers.map((l, i) => (
                <LayerRowView key={i} l={l} index={i} last={i === inspection.layers.length - 1} classes={classes} />
              ))}
            </ol>
          </>
        )}
      </details>
    </section>
  );
}
