import { describe, expect, it } from 'vitest';
import { loopOptions } from './runData';
import { toTrainConfig } from '../shared/trainConfig';
import { DEFAULT_CONFIG } from '../shared/config';
import { presetLayers } from '../model/presets';

describe('the training loop options of a run', () => {
  it("hold out the split as a count, give L2 per kernel (a layer's own value first) and pass early stopping on", () => {
    const layers = presetLayers('lenet5').map((l, i) => (i === 0 && l.kind === 'conv2d' ? { ...l, l2: 0.01 } : l));
    const config = toTrainConfig({
      ...DEFAULT_CONFIG,
      layers,
      l2: 1e-4,
      validationSplit: 0.1,
      earlyStopping: true,
      patience: 2,
    });
    const o = loopOptions(config, { inputShape: [28, 28, 1], classes: 10, layers });
    expect(o).toMatchObject({
      epochs: 3,
      batchSize: 64,
      trainSize: 60000,
      seed: 42,
      validationCount: 6000,
      earlyStopping: { patience: 2 },
      reportEveryMs: 250,
    });
    expect(o.l2).toEqual([0.01, 1e-4, 1e-4, 1e-4, 1e-4]);
  });

  it('leave early stopping out when it is off', () => {
    const o = loopOptions(toTrainConfig(DEFAULT_CONFIG), {
      inputShape: [28, 28, 1],
      classes: 10,
      layers: DEFAULT_CONFIG.layers,
    });
    expect(o.earlyStopping).toBeUndefined();
    expect(o.validationCount).toBe(0);
  });
});
