import * as tf from '@tensorflow/tfjs';

/** One layer's output for one image: feature maps (h, w, c) or a vector of units. */
export interface LayerOutput {
  /** The layer's class in tfjs, e.g. "Conv2D", "MaxPooling2D", "Dense". */
  kind: string;
  /** Output shape without the batch axis: [h, w, c] for maps, [units] for vectors. */
  shape: number[];
  values: Float32Array;
  /** A convolution's kernel, [kh, kw, in, out]. */
  filters?: { shape: number[]; values: Float32Array };
}

/** What a model makes of one image: every layer's output, and where in the input the top class looks. */
export interface Inspection {
  layers: LayerOutput[];
  /** |∂ top logit / ∂ pixel|, max over channels, scaled to [0, 1]: h·w values. */
  saliency: Float32Array;
  /** The top class. */
  top: number;
}

/** tfjs layers that apply an activation to the layer before them: shown with that layer, as the model summary does. */
const ACTIVATIONS = new Set(['Activation', 'LeakyReLU', 'LecunTanh', 'ReLU', 'Softmax']);

/**
 * Runs one image (`input`, [1, h, w, c], normalised as the model expects) through `model` and
 * returns each layer's output, grouped as the playground's layers are (a layer with its separate
 * activation layer is one), conv kernels, and the saliency of the top class (its logit's gradient
 * with respect to the input pixels). `classOf` picks another class for the saliency.
 */
export async function inspectPrediction(
  model: tf.LayersModel,
  input: tf.Tensor4D,
  classOf?: number,
): Promise<Inspection> {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const outputs = tf.tidy(() => {
    const out: tf.Tensor[] = [];
    let x: tf.Tensor = input;
    for (const layer of layers) {
      x = layer.apply(x, { training: false }) as tf.Tensor;
      if (ACTIVATIONS.has(layer.getClassName()) && out.length) out[out.length - 1] = x;
      else out.push(x);
    }
    return out;
  });
  const cores = layers.filter((l) => !ACTIVATIONS.has(l.getClassName()));
  const logits = outputs.at(-1)!;
  const best = logits.argMax(1);
  const top = classOf ?? (await best.data())[0];
  best.dispose();
  const grad = tf.tidy(() => {
    // A one-hot mask picks the logit (gather's gradient needs a kernel the wasm backend lacks).
    const pick = tf.oneHot([top], logits.shape[1]!).toFloat();
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(model.apply(x, { training: false }) as tf.Tensor, pick)))(input);
    const mag = tf.abs(g).max(3).squeeze([0]);
    return tf.div(mag, tf.maximum(mag.max(), 1e-12));
  });
  const result: LayerOutput[] = [];
  for (const [i, out] of outputs.entries()) {
    const core = cores[i];
    const entry: LayerOutput = {
      kind: core.getClassName(),
      shape: out.shape.slice(1),
      values: (await out.data()) as Float32Array,
    };
    if (entry.kind === 'Conv2D') {
      const kernel = core.getWeights()[0];
      entry.filters = { shape: kernel.shape, values: (await kernel.data()) as Float32Array };
    }
    result.push(entry);
  }
  const saliency = (await grad.data()) as Float32Array;
  tf.dispose([...outputs, grad]);
  return { layers: result, saliency, top };
}
