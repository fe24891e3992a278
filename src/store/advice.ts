// Advice the page gives about a run, in words, from its settings and metrics.
import type { Run } from './runsSlice';
import { commonActivation } from '../model/spec';

/**
 * Why a run may be stuck, and what to try, when its last epoch ended at chance level (test
 * accuracy at most 1.5× a random guess): null otherwise. The classic case is sigmoid with a
 * classroom budget, whose loss sits at ln(classes) for the first thousands of steps.
 */
export function stuckAdvice(run: Pick<Run, 'id' | 'config' | 'epochs'>, classes: number): string | null {
  const last = run.epochs.at(-1);
  if (!last || classes < 2 || last.testAcc > 1.5 / classes) return null;
  const chance = Math.log(classes);
  const act = commonActivation(run.config.layers);
  const tips = [
    'more epochs or training samples',
    `a higher learning rate (now ${run.config.learningRate})`,
    act === 'sigmoid' || act === 'tanh' ? 'ReLU, which does not saturate' : null,
    run.config.optimizer === 'sgd' ? 'momentum or Adam' : null,
  ].filter(Boolean);
  return (
    `Run ${run.id} is at chance after epoch ${last.epoch}: ${(last.testAcc * 100).toFixed(1)}% test accuracy, ` +
    `loss ${last.trainLoss.toFixed(2)} (chance is ${chance.toFixed(2)}). It may be stuck rather than slow` +
    `${act === 'sigmoid' ? ': sigmoid networks sit on a plateau at first' : ''}. Try ${tips.join(', ')}.`
  );
}
