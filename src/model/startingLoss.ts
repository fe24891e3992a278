// Why the very first loss is already out of range. At step 1 no weight has been updated yet, so
// the learning rate cannot be the cause (as it is for a run that diverges later): the network's
// starting outputs are too large, from the initialisers or from inputs left unnormalised.
import type { ModelSpec } from './spec';
import { NORMALIZATION_NAMES, type NormalizationId } from '../data/normalize';

const fmt = (v: number) => String(Number(v.toPrecision(3)));

/**
 * The message for a loss that is non-finite or exploded at step 1: says so, names every layer
 * that starts from a hand-set normal distribution and unnormalised inputs, and what to change.
 * `loss` is null when it was NaN or infinite.
 */
export function startingLossMessage(loss: number | null, spec: ModelSpec, normalization: NormalizationId): string {
  const suspects = spec.layers.flatMap((l, i) =>
    'init' in l && l.init.kind === 'normal'
      ? [`Layer ${i + 1} starts from N(${fmt(l.init.mean)}, ${fmt(l.init.std)})`]
      : [],
  );
  if (normalization === 'none') suspects.push(`the inputs are not normalised (${NORMALIZATION_NAMES.none})`);
  const what = loss === null ? 'NaN or infinite' : `already ${loss.toPrecision(3)}`;
  return (
    `The loss is ${what} at step 1, before any weight was updated, so the learning rate is not the cause: ` +
    `the network's starting outputs are too large${suspects.length ? ` (${suspects.join('; ')})` : ''}. ` +
    'Use a standard initialiser (Glorot, He or LeCun) or normalise the inputs.'
  );
}
