import * as tf from '@tensorflow/tfjs';
import { DEFAULT_OPTIMIZER_PARAMS, defaultEpsilon, type OptimizerId, type OptimizerParams } from './optimizerIds';
import { AdamFamilyOptimizer } from './adamFamily';
import { FusedAdamOptimizer } from './fusedAdam';
import { FusedSgdOptimizer } from './fusedSgd';

/** Creates an optimizer at learning rate `lr` with its hyperparameters (defaults where not given). */
export function createOptimizer(id: OptimizerId, lr: number, params: Partial<OptimizerParams> = {}): tf.Optimizer {
  const p = { ...DEFAULT_OPTIMIZER_PARAMS, epsilon: defaultEpsilon(id), ...params };
  switch (id) {
    case 'sgd':
      return new FusedSgdOptimizer(lr);
    case 'momentum':
      return tf.train.momentum(lr, p.momentum, p.nesterov);
    case 'rmsprop':
      return tf.train.rmsprop(lr, p.rho, p.momentum, p.epsilon);
    case 'adam':
      return new FusedAdamOptimizer(lr, p.beta1, p.beta2, p.epsilon);
    case 'adamw':
    case 'nadam':
    case 'adabelief':
      return new AdamFamilyOptimizer(id, {
        learningRate: lr,
        beta1: p.beta1,
        beta2: p.beta2,
        epsilon: p.epsilon,
        weightDecay: p.weightDecay,
      });
  }
}

/** Sets the learning rate of any optimizer {@link createOptimizer} makes, for the steps that follow. */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as tf.Optimizer & { setLearningRate?: (lr: number) => void; learningRate?: number };
  if (o.setLearningRate)
    o.setLearningRate(lr); // SGD, momentum (cached scalar), Adam family
  else o.learningRate = lr; // Adam and RMSprop read the field every step
}
