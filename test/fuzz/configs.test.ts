// Fuzzed settings: any layer stack and hyperparameters a link, a file or the editor could hold is
// either refused with a message naming the field or the layer, or trains with a finite loss.
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as tf from '@tensorflow/tfjs';
import { configSchema, firstIssue } from '../../src/shared/configSchema';
import { configProblem, specFor } from '../../src/store/selectors';
import { toTrainConfig } from '../../src/shared/trainConfig';
import { DEFAULT_CONFIG, type Config } from '../../src/shared/config';
import type { DatasetInfo, FromWorker } from '../../src/shared/protocol';
import { handlerHarness } from '../helpers/handlerHarness';
import { MNIST_INFO } from '../helpers/testRuns';
import { configArb } from './arbitraries';

const TOY: DatasetInfo = { ...MNIST_INFO, id: 'toy', name: 'Toy', trainCount: 200, testCount: 50 };

/** Messages that name what to change: a field path, a layer, or the setting in words. */
const NAMES_WHAT =
  /^Layer \d+: |^Fix the highlighted field|[Bb]atch size|Training size|Early stopping|validation split/;

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What happens to `config`: refused (with the message) or trained one epoch (with its first losses). */
type Outcome = { refused: string; by: 'schema' | 'page' } | { end: FromWorker; losses: number[] };

async function outcome(config: Config): Promise<Outcome> {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) return { refused: firstIssue(parsed.error), by: 'schema' };
  const problem = configProblem({ datasetState: 'ready', datasetInfo: TOY, fieldErrors: {} }, config);
  if (problem) return { refused: problem, by: 'page' };
  const { handle, events, until } = handlerHarness();
  handle({ type: 'loadDataset', datasetId: 'toy', baseUrl: '/x' });
  handle({
    type: 'train',
    runId: 1,
    spec: specFor(config, TOY.imageShape, TOY.classes.length),
    backend: 'cpu',
    config: { ...toTrainConfig(config), epochs: 1 },
  });
  // One report of progress is enough (it comes within a quarter second): the run is stopped there.
  const first = await until((e) => e.type === 'progress' || e.type === 'runEnded');
  if (first.type === 'progress') handle({ type: 'stop', runId: 1 });
  const end = await until((e) => e.type === 'runEnded');
  const losses = events.flatMap((e) => (e.type === 'progress' ? e.loss : []));
  return { end, losses };
}

describe('fuzzed settings', () => {
  it('every generated config is refused with a message naming its field or layer, or trains with a finite loss', async () => {
    const seen = { schema: 0, page: 0, trained: 0 };
    await fc.assert(
      fc.asyncProperty(configArb, async (config) => {
        const r = await outcome(config);
        if ('refused' in r) {
          seen[r.by]++;
          if (r.by === 'schema') expect(r.refused.split('.')[0].split(':')[0]).toBeOneOf(Object.keys(DEFAULT_CONFIG));
          else expect(r.refused).toMatch(NAMES_WHAT);
          return;
        }
        seen.trained++;
        // The first step's loss is finite. A run that then diverged says at which step (the
        // loss is read back a few steps at a time, so that may come before any progress) and what to do.
        if (r.end.type === 'runEnded' && r.end.status === 'error') {
          // At step 1 no weight has moved: the message names the layer's init or the inputs' scale.
          expect(r.end.message).toMatch(
            /at step ([2-9]|\d\d+)\b.*lower learning rate|at step 1, before any weight.*(Layer \d+ starts from|not normalised)/,
          );
        } else {
          expect(r.end).toMatchObject({ status: expect.stringMatching(/^(done|stopped)$/) });
          expect(r.losses.length).toBeGreaterThan(0);
        }
        expect(r.losses.slice(0, 1).every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 300, seed: 20261130, endOnFailure: true },
    );
    console.log('fuzzed configs:', JSON.stringify(seen));
    // The generator reaches all three outcomes, so none of them is tested vacuously.
    expect(seen.schema).toBeGreaterThan(10);
    expect(seen.page).toBeGreaterThan(10);
    expect(seen.trained).toBeGreaterThan(10);
    console.log('fuzzed configs:', JSON.stringify(seen));
  }, 300_000);
});
