import { describe, expect, it } from 'vitest';
import { toTrainConfig } from './trainConfig';
import { DEFAULT_CONFIG } from './config';

describe('config to train config', () => {
  it('carries every training setting and turns early stopping into its patience', () => {
    const t = toTrainConfig({ ...DEFAULT_CONFIG, epochs: 5, earlyStopping: true, patience: 4, validationSplit: 0.1 });
    expect(t).toMatchObject({
      epochs: 5,
      batchSize: 64,
      learningRate: 0.001,
      trainSize: 60000,
      seed: 42,
      optimizer: 'adam',
      validationSplit: 0.1,
      earlyStopping: { patience: 4 },
      normalization: 'unit',
      colorMode: 'rgb',
    });
    expect(toTrainConfig(DEFAULT_CONFIG).earlyStopping).toBeNull();
  });

  it('leaves out what travels separately (dataset, layers, backend) and nothing else', () => {
    const t = toTrainConfig(DEFAULT_CONFIG);
    const dropped = Object.keys(DEFAULT_CONFIG).filter((k) => !(k in t));
    expect(dropped.sort()).toEqual(['backend', 'datasetId', 'layers', 'patience', 'preset']);
  });
});
