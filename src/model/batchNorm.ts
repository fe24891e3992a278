import * as tf from '@tensorflow/tfjs';

/**
 * Name of an optional kernel for a batch normalisation in training, over the last axis of channels-last
 * x: inputs `{ x, gamma, beta }`, attr `epsilon`; outputs [y, mean, variance] with the batch's mean and
 * (biased) variance per channel and y = gamma · (x - mean) / sqrt(variance + epsilon) + beta, as
 * tfjs-layers' BatchNormalization computes in training. Its gradient is the one kernel
 * {@link BATCH_NORM_TRAIN_GRAD}. tfjs's ops (moments, then batchNorm) take ~25 kernel calls a layer with
 * their gradients, each a pass over the activation: the compact CNN's six spent most of a step's 487 calls
 * there. A backend that registers both (wasm does, src/workers/kernels/batchNormWasm.ts) takes
 * {@link batchNormTrain}'s short path.
 */
export const BATCH_NORM_TRAIN = 'BatchNormTrain';

/**
 * Name of the optional kernel for {@link BATCH_NORM_TRAIN}'s gradient: inputs `{ dy, x, gamma, mean,
 * variance }`, attr `epsilon`; outputs [dx, dgamma, dbeta]. With s = 1 / sqrt(variance + epsilon),
 * xhat = (x - mean) · s and N values per channel: dbeta = Σ dy, dgamma = Σ dy · xhat and
 * dx = gamma · s · (dy - dbeta / N - xhat · dgamma / N).
 */
export const BATCH_NORM_TRAIN_GRAD = 'BatchNormTrainGrad';

/** Per-channel sums of f(i) over channels-last data of `total` values with c channels, in float64. */
function channelSums(total: number, c: number, f: (i: number) => number): Float64Array {
  const s = new Float64Array(c);
  for (let i = 0; i < total; i++) s[i % c] += f(i);
  return s;
}

/** {@link BATCH_NORM_TRAIN} on plain arrays (channels last, c channels): y, mean and variance. */
export function batchNormTrainArrays(
  x: Float32Array,
  gamma: ArrayLike<number>,
  beta: ArrayLike<number>,
  c: number,
  epsilon: number,
) {
  const n = x.length / c;
  const mean = Float32Array.from(
    channelSums(x.length, c, (i) => x[i]),
    (s) => s / n,
  );
  const variance = Float32Array.from(
    channelSums(x.length, c, (i) => (x[i] - mean[i % c]) ** 2),
    (s) => s / n,
  );
  const scale = Float32Array.from(variance, (v, j) => gamma[j] / Math.sqrt(v + epsilon));
  const y = Float32Array.from(x, (v, i) => (v - mean[i % c]) * scale[i % c] + beta[i % c]);
  return { y, mean, variance };
}

/** {@link BATCH_NORM_TRAIN_GRAD} on plain arrays (channels last, c channels): dx, dgamma and dbeta. */
export function batchNormTrainGradArrays(
  dy: Float32Array,
  x: Float32Array,
  gamma: ArrayLike<number>,
  mean: ArrayLike<number>,
  variance: ArrayLike<number>,
  c: number,
  epsilon: number,
) {
  const n = x.length / c;
  const s = Float32Array.from(variance, (v) => 1 / Math.sqrt(v + epsilon));
  const dbeta = Float32Array.from(channelSums(x.length, c, (i) => dy[i]));
  const dgamma = Float32Array.from(channelSums(x.length, c, (i) => dy[i] * (x[i] - mean[i % c]) * s[i % c]));
  const dx = Float32Array.from(dy, (d, i) => {
    const j = i % c;
    const xhat = (x[i] - mean[j]) * s[j];
    return gamma[j] * s[j] * (d - dbeta[j] / n - (xhat * dgamma[j]) / n);
  });
  return { dx, dgamma, dbeta };
}

tf.registerGradient({
  kernelName: BATCH_NORM_TRAIN,
  inputsToSave: ['x', 'gamma'],
  outputsToSave: [false, true, true],
  gradFunc: (dys, saved, attrs) => {
    // The loss depends on y alone: mean and variance feed only the moving averages, outside the tape.
    const dy = Array.isArray(dys) ? dys[0] : dys;
    const [x, gamma, mean, variance] = saved;
    const epsilon = (attrs as unknown as { epsilon: number }).epsilon;
    // Computed here, once for the three: tfjs runs each input's gradient function in a tidy of its own,
    // which would dispose the other two outputs of a kernel called inside one of them. A backend runs
    // BATCH_NORM_TRAIN only with this kernel too (hasBatchNormKernels).
    const [dx, dgamma, dbeta] = tf
      .engine()
      .runKernel(BATCH_NORM_TRAIN_GRAD, { dy, x, gamma, mean, variance }, { epsilon }) as tf.Tensor[];
    return { x: () => dx, gamma: () => dgamma, beta: () => dbeta };
  },
});

/**
 * A batch normalisation in training over the last axis of `x`: [y, mean, variance] (see
 * {@link BATCH_NORM_TRAIN}), in one kernel where the backend has it and its gradient's, else with
 * tfjs's ops as tfjs-layers computes it.
 */
export function batchNormTrain(
  x: tf.Tensor,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): [tf.Tensor, tf.Tensor1D, tf.Tensor1D] {
  if (hasBatchNormKernels())
    return tf.engine().runKernel(BATCH_NORM_TRAIN, { x, gamma, beta }, { epsilon }) as unknown as [
      tf.Tensor,
      tf.Tensor1D,
      tf.Tensor1D,
    ];
  const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
  return [tf.batchNorm(x, mean, variance, beta, gamma, epsilon), mean as tf.Tensor1D, variance as tf.Tensor1D];
}

/** Whether the current backend runs {@link batchNormTrain} and its gradient as one kernel each. */
export function hasBatchNormKernels(): boolean {
  const b = tf.getBackend();
  return !!tf.getKernel(BATCH_NORM_TRAIN, b) && !!tf.getKernel(BATCH_NORM_TRAIN_GRAD, b);
}
