import * as tf from '@tensorflow/tfjs';
import { hasWeights, type LayerActivation, type ModelSpec } from './spec';
import { tfLayerCount } from './build';
import { sampleLosses, type LossId } from './train';

/** Values binned between `min` and `max` in equal-width bins. */
export interface Histogram {
  min: number;
  max: number;
  counts: number[];
}

/** One layer's training health on the probe batch (a layer with weights: conv, dense, output, BatchNorm). */
export interface LayerHealth {
  /** Index of the layer in the spec (its row in the model summary). */
  layer: number;
  kind: 'conv2d' | 'dense' | 'output' | 'batchnorm';
  /** L2 norm of the kernel (BatchNorm: of gamma); biases are left out. */
  weightNorm: number;
  /** L2 norm of the loss gradient with respect to that kernel, on the probe batch. */
  gradNorm: number;
  /** Size of the change of the kernel since the last measurement, relative to its size (null at the first). */
  updateRatio: number | null;
  /** Share of units (channels for a conv layer) never positive on the probe batch; 0 without ReLU. */
  dead: number;
  /** Share of activation values past saturation (|pre-activation| > 4 for sigmoid, > 2 for tanh); 0 otherwise. */
  saturated: number;
  weights: Histogram;
  grads: Histogram;
  activations: Histogram;
  /** BatchNorm's running statistics: mean |moving mean| and mean moving variance over its channels. */
  bn?: { meanAbsMean: number; meanVariance: number };
}

/** The health of every layer with weights at one moment of a run. */
export interface HealthSample {
  /** Global training step (batches done) when measured. */
  step: number;
  epoch: number;
  /** True for the measurement taken at the end of an epoch. */
  epochEnd: boolean;
  layers: LayerHealth[];
}

/** Bins per histogram. */
export const HISTOGRAM_BINS = 24;

/** A histogram of `values` in {@link HISTOGRAM_BINS} bins over their range (a single bin holds them all when they are equal). */
export function histogram(values: ArrayLike<number>, bins = HISTOGRAM_BINS): Histogram {
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Array<number>(bins).fill(0);
  if (values.length === 0) return { min: 0, max: 0, counts };
  const width = (max - min) / bins;
  for (let i = 0; i < values.length; i++) {
    const b = width > 0 ? Math.min(bins - 1, Math.floor((values[i] - min) / width)) : 0;
    counts[b]++;
  }
  return { min, max, counts };
}

/** The L2 norm of `values`. */
export function l2norm(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] * values[i];
  return Math.sqrt(s);
}

/**
 * Share of units never positive: `post` holds activations with the unit (channel) as the last
 * axis of size `units`; a unit is dead when none of its values over the batch (and positions) is > 0.
 */
export function deadShare(post: ArrayLike<number>, units: number): number {
  const alive = new Uint8Array(units);
  for (let i = 0; i < post.length; i++) if (post[i] > 0) alive[i % units] = 1;
  let dead = 0;
  for (let u = 0; u < units; u++) if (!alive[u]) dead++;
  return units ? dead / units : 0;
}

/** The pre-activation magnitude past which an activation counts as saturated (null: it does not saturate). */
export function saturationThreshold(a: LayerActivation): number | null {
  return a === 'sigmoid' ? 4 : a === 'tanh' || a === 'lecunTanh' ? 2 : null;
}

/** Share of pre-activation values whose magnitude is past `threshold`. */
export function saturatedShare(pre: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < pre.length; i++) if (Math.abs(pre[i]) > threshold) n++;
  return pre.length ? n / pre.length : 0;
}

/**
 * Measures every layer with weights on a fixed probe batch (in inference mode, so dropout draws
 * nothing and the run's seeded stream stays as it was): weight and gradient norms, the update since
 * `previous` kernels, dead ReLUs, saturated sigmoid/tanh units, histograms and BatchNorm statistics.
 * Returns the health and a copy of the kernels for the next update ratio. Disposes what it makes.
 */
export async function measureHealth(
  model: tf.LayersModel,
  spec: ModelSpec,
  probe: { xs: tf.Tensor; ys: tf.Tensor },
  loss: LossId,
  previous: Map<number, Float32Array> | null,
): Promise<{ layers: LayerHealth[]; kernels: Map<number, Float32Array> }> {
  // Forward layer by layer, keeping each weighted spec layer's pre-activation and output (the
  // rest of the forward pass is tidied away).
  const tfLayers = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const tapped = tf.tidy(() => {
    const out: { layer: number; pre: tf.Tensor; post: tf.Tensor }[] = [];
    let x: tf.Tensor = probe.xs;
    let at = 0;
    spec.layers.forEach((l, i) => {
      const group = tfLayers.slice(at, at + tfLayerCount(l));
      at += group.length;
      const input = x;
      x = group.reduce((t, layer) => layer.apply(t, { training: false }) as tf.Tensor, input);
      if (!hasWeights(l)) return;
      const [kernel, bias] = group[0].getWeights();
      const pre =
        l.kind === 'conv2d'
          ? tf.add(tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, l.strides, l.padding), bias)
          : l.kind === 'dense'
            ? tf.add(tf.matMul(input as tf.Tensor2D, kernel as tf.Tensor2D), bias)
            : l.kind === 'batchnorm'
              ? (group[0].apply(input, { training: false }) as tf.Tensor)
              : x;
      out.push({ layer: i, pre, post: x });
    });
    return out;
  });
  const taps = new Map(tapped.map((t) => [t.layer, t]));
  let at = 0;
  // Gradients of the data loss with respect to each kernel.
  const kernelOf = new Map<number, tf.LayerVariable>();
  spec.layers.forEach((l, i) => {
    const count = tfLayerCount(l);
    if (hasWeights(l)) kernelOf.set(i, tfLayers[at].trainableWeights[0]);
    at += count;
  });
  const variableOf = (v: tf.LayerVariable) => (v as unknown as { val: tf.Variable }).val;
  const { grads, value } = tf.variableGrads(
    () => tf.mean(sampleLosses(loss, probe.ys, model.apply(probe.xs, { training: false }) as tf.Tensor)) as tf.Scalar,
    [...kernelOf.values()].map(variableOf),
  );
  value.dispose();
  const layers: LayerHealth[] = [];
  const kernels = new Map<number, Float32Array>();
  for (const [i, l] of spec.layers.entries()) {
    if (!hasWeights(l)) continue;
    const variable = kernelOf.get(i)!;
    const w = (await variable.read().data()) as Float32Array;
    const g = (await grads[variableOf(variable).name].data()) as Float32Array;
    const { pre, post } = taps.get(i)!;
    const preValues = (await pre.data()) as Float32Array;
    const postValues = (await post.data()) as Float32Array;
    const activation: LayerActivation = l.kind === 'output' ? 'linear' : l.activation;
    const threshold = saturationThreshold(activation);
    const prev = previous?.get(i);
    let change = 0;
    if (prev) for (let k = 0; k < w.length; k++) change += (w[k] - prev[k]) ** 2;
    const weightNorm = l2norm(w);
    kernels.set(i, w.slice());
    const units = post.shape[post.shape.length - 1]!;
    const health: LayerHealth = {
      layer: i,
      kind: l.kind,
      weightNorm,
      gradNorm: l2norm(g),
      updateRatio: prev ? Math.sqrt(change) / Math.max(weightNorm, 1e-12) : null,
      dead: activation === 'relu' || activation === 'leakyRelu' ? deadShare(postValues, units) : 0,
      saturated: threshold === null ? 0 : saturatedShare(preValues, threshold),
      weights: histogram(w),
      grads: histogram(g),
      activations: histogram(postValues),
    };
    if (l.kind === 'batchnorm') {
      const [, , movingMean, movingVar] =
        tfLayers[spec.layers.slice(0, i).reduce((a, s) => a + tfLayerCount(s), 0)].getWeights(false);
      const mean = (await movingMean.data()) as Float32Array;
      const variance = (await movingVar.data()) as Float32Array;
      health.bn = {
        meanAbsMean: mean.reduce((a, v) => a + Math.abs(v), 0) / mean.length,
        meanVariance: variance.reduce((a, v) => a + v, 0) / variance.length,
      };
    }
    layers.push(health);
  }
  tf.dispose([...tapped.flatMap((t) => (t.pre === t.post ? [t.pre] : [t.pre, t.post])), ...Object.values(grads)]);
  return { layers, kernels };
}
