/** Optimizer ids offered in the UI. */
export type OptimizerId = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | 'adamw' | 'nadam' | 'adabelief';

/** Optimizers this build implements; the others are listed but not selectable yet. */
export const IMPLEMENTED_OPTIMIZERS: OptimizerId[] = ['sgd', 'momentum', 'rmsprop', 'adam'];
