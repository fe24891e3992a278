import * as tf from '@tensorflow/tfjs';
import type { OptimizerId } from './optimizerIds';
import { AdamFamilyOptimizer } from './adamFamily';

/** Creates an optimizer at learning rate `lr` with the usual defaults (momentum 0.9, AdamW decay 0.01). */
export function createOptimizer(id: OptimizerId, lr: number): tf.Optimizer {
  switch (id) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return tf.train.momentum(lr, 0.9);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adam':
      return tf.train.adam(lr);
    case 'adamw':
    case 'nadam':
    case 'adabelief':
      return new AdamFamilyOptimizer(id, { learningRate: lr });
  }
}
