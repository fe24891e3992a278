import * as tf from '@tensorflow/tfjs';
import type { Init, LayerActivation, LayerSpec, ModelSpec } from './spec';
import { LecunTanh, SeededDropout, UnfusedConv2D } from './layers';
import { inferLogits } from './forward';

type Fused = 'sigmoid' | 'relu' | 'tanh' | 'linear';

function initializer(init: Init, seed: number): ReturnType<typeof tf.initializers.zeros> {
  switch (init.kind) {
    case 'glorotUniform':
      return tf.initializers.glorotUniform({ seed });
    case 'heNormal':
      return tf.initializers.heNormal({ seed });
    case 'lecunNormal':
      return tf.initializers.leCunNormal({ seed });
    case 'normal':
      return tf.initializers.randomNormal({ mean: init.mean, stddev: init.std, seed });
    case 'zeros':
      return tf.initializers.zeros();
  }
}

/** Activations tfjs fuses into conv/dense; the others become a layer of their own after it. */
function fused(a: LayerActivation): Fused | null {
  return a === 'sigmoid' || a === 'relu' || a === 'tanh' || a === 'linear' ? a : null;
}

function activationLayer(a: LayerActivation): tf.layers.Layer[] {
  if (a === 'lecunTanh') return [new LecunTanh({})];
  if (a === 'leakyRelu') return [tf.layers.leakyReLU({ alpha: 0.01 })];
  return fused(a) && a !== 'linear' ? [tf.layers.activation({ activation: a as Fused })] : [];
}

function toLayers(l: LayerSpec, seed: number, classes: number): tf.layers.Layer[] {
  switch (l.kind) {
    case 'conv2d':
    case 'dense': {
      const common = {
        kernelInitializer: initializer(l.init, seed),
        biasInitializer: tf.initializers.zeros(),
        activation: fused(l.activation) ?? 'linear',
      };
      const core =
        l.kind === 'conv2d'
          ? new UnfusedConv2D({
              filters: l.filters,
              kernelSize: l.kernelSize,
              strides: l.strides,
              padding: l.padding,
              ...common,
            })
          : tf.layers.dense({ units: l.units, ...common });
      return [core, ...(fused(l.activation) ? [] : activationLayer(l.activation))];
    }
    case 'pool': {
      const args = { poolSize: l.poolSize, strides: l.strides };
      return [l.op === 'max' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args)];
    }
    case 'flatten':
      return [tf.layers.flatten()];
    case 'gap':
      return [tf.layers.globalAveragePooling2d({})];
    case 'dropout':
      return [new SeededDropout({ rate: l.rate, seed })];
    case 'batchnorm':
      return [tf.layers.batchNormalization({ momentum: 0.9, epsilon: 1e-5 }), ...activationLayer(l.activation)];
    case 'output':
      return [
        tf.layers.dense({
          units: classes,
          kernelInitializer: initializer(l.init, seed),
          biasInitializer: tf.initializers.zeros(),
        }),
      ];
  }
}

/**
 * Builds a fresh, uncompiled tf.Sequential for `spec` on the current backend. Randomness is seeded:
 * layer i initialises (and, for dropout, draws masks) from `seed + 1000·i`, so one seed fixes the
 * whole network. The output layer emits logits (softmax lives in the loss and in {@link predictProbs}).
 * The spec must be valid (see `inferShapes`). The caller owns the model and must `dispose()` it.
 */
export function buildModel(spec: ModelSpec, seed: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: spec.inputShape }));
  spec.layers.forEach((l, i) => toLayers(l, seed + 1000 * i, spec.classes).forEach((layer) => model.add(layer)));
  return model;
}

/** Class probabilities for a batch of images [n, h, w, c]. Returns a new tensor. */
export function predictProbs(model: tf.LayersModel, xs: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(inferLogits(model, xs) as tf.Tensor2D));
}

/** How many tfjs layers a spec layer becomes in {@link buildModel} (a separate activation layer makes two). */
export function tfLayerCount(l: LayerSpec): number {
  return toLayers(l, 0, 1).length;
}
