import * as tf from '@tensorflow/tfjs';
import type { LayerActivation, LayerSpec, ModelSpec } from './spec';

type TfActivation = 'sigmoid' | 'relu' | 'tanh' | 'linear';

/** The output softmax is applied by the loss and by `predictProbs`, so the network emits logits. */
function tfActivation(a: LayerActivation): TfActivation {
  return a === 'softmax' ? 'linear' : a;
}

function toLayer(l: LayerSpec, seed: number, inputShape?: number[]): tf.layers.Layer {
  const init = () => ({
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    biasInitializer: tf.initializers.zeros(),
    ...(inputShape ? { inputShape } : {}),
  });
  switch (l.kind) {
    case 'conv2d':
      return tf.layers.conv2d({ filters: l.filters, kernelSize: l.kernelSize, strides: l.strides, padding: l.padding,
        activation: tfActivation(l.activation), ...init() });
    case 'pool': {
      const args = { poolSize: l.poolSize, strides: l.strides, ...(inputShape ? { inputShape } : {}) };
      return l.op === 'max' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    }
    case 'flatten':
      return tf.layers.flatten(inputShape ? { inputShape } : {});
    case 'dense':
      return tf.layers.dense({ units: l.units, activation: tfActivation(l.activation), ...init() });
  }
}

/**
 * Builds a fresh, uncompiled tf.Sequential for `spec` on the current backend. Weights are
 * seeded: layer i uses `seed + i`, so the same seed gives the same initialisation.
 * The last layer outputs logits (softmax lives in the loss and in {@link predictProbs}).
 * The caller owns the model and must `dispose()` it.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.Sequential {
  const model = tf.sequential();
  spec.layers.forEach((l, i) => model.add(toLayer(l, seed + i, i === 0 ? spec.inputShape : undefined)));
  return model;
}

/** Class probabilities for a batch of images [n, h, w, c] in [0, 1]. Returns a new tensor. */
export function predictProbs(model: tf.LayersModel, xs: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(model.predict(xs) as tf.Tensor2D));
}
