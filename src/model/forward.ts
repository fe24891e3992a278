import * as tf from '@tensorflow/tfjs';
import { biasAdd } from './biasAdd';
import { batchNormTrain, hasBatchNormKernels } from './batchNorm';

/** tfjs-layers' Dense class (the package exports only its factory), and the fields of it read here. */
const DenseLayer = tf.layers.dense({ units: 1 }).constructor;
interface DenseFields {
  kernel: tf.LayerVariable;
  bias?: tf.LayerVariable;
  activation: { apply(t: tf.Tensor): tf.Tensor };
}

/**
 * A dense layer on a batch of vectors as three plain ops (matMul, bias add, activation). tfjs-layers runs
 * it as a fused matMul inside a custom gradient that reshapes to rank 3 and back: 19 kernels per tanh
 * layer against 8 here ({@link biasAdd}'s gradient), the same arithmetic.
 */
function dense(layer: DenseFields, x: tf.Tensor2D): tf.Tensor {
  const y = tf.matMul(x, layer.kernel.read() as tf.Tensor2D);
  return layer.activation.apply(layer.bias ? biasAdd(y as tf.Tensor2D, layer.bias.read() as tf.Tensor1D) : y);
}

/** Fields of tfjs-layers' AveragePooling2D read here. */
interface PoolFields {
  poolSize: [number, number];
  strides: [number, number];
  padding: 'valid' | 'same';
  dataFormat: string;
}

/**
 * Average pooling as its kernel alone: tfjs-core's avgPool op follows the kernel with a cast to the input's
 * dtype, which for float32 is a copy with a gradient of its own (4 of a batch-1 LeNet-5 step's kernels).
 */
function avgPool(layer: PoolFields, x: tf.Tensor4D): tf.Tensor {
  const attrs = { filterSize: layer.poolSize, strides: layer.strides, pad: layer.padding };
  return tf.engine().runKernel('AvgPool', { x }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Fields of tfjs-layers' BatchNormalization read here. */
interface BatchNormFields {
  axis: number;
  momentum: number;
  epsilon: number;
  center: boolean;
  scale: boolean;
  gamma: tf.LayerVariable;
  beta: tf.LayerVariable;
  movingMean: tf.LayerVariable;
  movingVariance: tf.LayerVariable;
}

/**
 * A BatchNormalization layer in training, where the backend runs it as one kernel ({@link batchNormTrain}):
 * the same output and moving-average updates as the layer's own `call` (moving = moving - (moving - batch)
 * · (1 - momentum)), in 2 kernel calls with the gradient instead of ~25. Null where it does not apply.
 */
function batchNormTraining(layer: BatchNormFields, x: tf.Tensor): tf.Tensor | null {
  if (!hasBatchNormKernels() || !layer.center || !layer.scale || (layer.axis !== -1 && layer.axis !== x.rank - 1))
    return null;
  const [y, mean, variance] = batchNormTrain(
    x,
    layer.gamma.read() as tf.Tensor1D,
    layer.beta.read() as tf.Tensor1D,
    layer.epsilon,
  );
  tf.tidy(() => {
    const decay = 1 - layer.momentum;
    for (const [v, batch] of [
      [layer.movingMean, mean],
      [layer.movingVariance, variance],
    ] as const) {
      const old = v.read();
      v.write(tf.sub(old, tf.mul(tf.sub(old, batch), decay)));
    }
  });
  return y;
}

/**
 * `model.apply(x, { training })` for a built tf.Sequential, calling each layer's `call` in turn (dense
 * layers on vectors as {@link dense}, average pooling as {@link avgPool}). The same values and gradients, without tfjs-layers' graph walk
 * around every layer (name scopes, input-spec checks, the container's bookkeeping). At batch 1 a
 * step's kernels do a few microseconds of arithmetic each, and the dispatch around them is most of
 * the step. Not a tidy: call it inside one (as the optimizer's loss function is).
 */
export function applyLayers(model: tf.Sequential, x: tf.Tensor, training: boolean): tf.Tensor {
  let y = x;
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const pool = layer as unknown as PoolFields;
    if (layer instanceof DenseLayer && y.rank === 2) y = dense(layer as unknown as DenseFields, y as tf.Tensor2D);
    else if (layer.getClassName() === 'AveragePooling2D' && pool.dataFormat === 'channelsLast' && y.dtype === 'float32')
      y = avgPool(pool, y as tf.Tensor4D);
    else if (training && layer.getClassName() === 'BatchNormalization')
      y = batchNormTraining(layer as unknown as BatchNormFields, y) ?? (layer.call(y, { training }) as tf.Tensor);
    else y = layer.call(y, { training }) as tf.Tensor;
  }
  return y;
}

/**
 * Logits of a batch for inference: {@link applyLayers} over the whole batch for a tf.Sequential, else
 * `predict`. tfjs-layers' `predict` cuts a batch into slices of 32 and concatenates their outputs: for
 * an epoch's test pass on the wasm backend (10,000 images, 500 at a time) that is 16 forward passes
 * of 32 per batch instead of one of 500. Not a tidy: call it inside one.
 */
export function inferLogits(model: tf.LayersModel, xs: tf.Tensor): tf.Tensor {
  return model instanceof tf.Sequential ? applyLayers(model, xs, false) : (model.predict(xs) as tf.Tensor);
}
