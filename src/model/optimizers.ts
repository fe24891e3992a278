import * as tf from '@tensorflow/tfjs';

import type { OptimizerId } from './optimizerIds';

/** Creates a tfjs optimizer at learning rate `lr`. Throws for an optimizer not yet implemented. */
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
      throw new Error(`${id} is not implemented yet`);
  }
}
