/** Optimizer ids offered in the UI. */
export type OptimizerId = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adamw' | 'nadam' | 'adabelief';

/** Optimizers this build implements (all of them; kept as a list so a new id can land first). */
export const IMPLEMENTED_OPTIMIZERS: OptimizerId[] = [
  'sgd',
  'momentum',
  'rmsprop',
  'adam',
  'adamw',
  'nadam',
  'adabelief',
];

/** Human-readable optimizer names, as the papers spell them. */
export const OPTIMIZER_NAMES: Record<OptimizerId, string> = {
  sgd: 'SGD',
  momentum: 'SGD + momentum',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW',
  nadam: 'NAdam',
  adabelief: 'AdaBelief',
};

/**
 * Each optimizer's own hyperparameters. Unused fields are ignored: `momentum`/`nesterov` for SGD +
 * momentum, `rho` (decay) and `momentum` for RMSprop, betas and `epsilon` for the Adam family,
 * `weightDecay` (decoupled, per unit learning rate) for AdamW.
 */
export interface OptimizerParams {
  momentum: number;
  nesterov: boolean;
  rho: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
}

/** The papers' and Keras's defaults (AdaBelief's epsilon is 1e-16 in its paper; we use one epsilon for all). */
export const DEFAULT_OPTIMIZER_PARAMS: OptimizerParams = {
  momentum: 0.9,
  nesterov: false,
  rho: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  weightDecay: 0.01,
};

/** ε as each paper sets it: AdaBelief 1e-16 (it also adds ε inside s), the others 1e-8. */
export function defaultEpsilon(id: OptimizerId): number {
  return id === 'adabelief' ? 1e-16 : 1e-8;
}
