/** Optimizer ids offered in the UI. */
export type OptimizerId = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adamw' | 'nadam' | 'adabelief';

/** Optimizers this build implements (all of them; kept as a list so a new id can land first). */
export const IMPLEMENTED_OPTIMIZERS: OptimizerId[] = ['sgd', 'momentum', 'rmsprop', 'adam', 'adamw', 'nadam', 'adabelief'];

/** Human-readable optimizer names, as the papers spell them. */
export const OPTIMIZER_NAMES: Record<OptimizerId, string> = {
  sgd: 'SGD', momentum: 'SGD + momentum', rmsprop: 'RMSprop', adam: 'Adam',
  adamw: 'AdamW', nadam: 'NAdam', adabelief: 'AdaBelief',
};
