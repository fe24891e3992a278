import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { sharedLabels } from './useRunLabels';
import { withHiddenActivation } from '../../model/spec';

describe('sharedLabels', () => {
  const relu = { ...DEFAULT_CONFIG, seed: 1 };
  const seeded = { ...DEFAULT_CONFIG, seed: 2 };

  it('labels runs by what differs, or by the name a person gave', () => {
    const labels = sharedLabels([relu, seeded], [3, 4], [null, 'baseline'], [true, true]);
    expect(labels.get(4)).toBe('baseline');
    expect(labels.get(3)).toBe('ReLU · max · seed 1');
  });

  it('labels by what differs among the runs on the charts; a hidden run is told apart from those', () => {
    const sigmoid = { ...DEFAULT_CONFIG, layers: withHiddenActivation(DEFAULT_CONFIG.layers, 'sigmoid') };
    const adamw = { ...DEFAULT_CONFIG, optimizer: 'adamw' as const, batchSize: 32, epochs: 7 };
    const labels = sharedLabels([DEFAULT_CONFIG, sigmoid, adamw], [1, 2, 3], [null, null, null], [true, true, false]);
    expect(labels.get(1)).toBe('ReLU · max');
    expect(labels.get(2)).toBe('sigmoid · max');
    expect(labels.get(3)).toBe('ReLU · max · AdamW · batch 32');
  });

  it('components asking with equal inputs share one Map; a rename makes a new one', () => {
    const a = sharedLabels([relu, seeded], [3, 4], [null, null], [true, true]);
    const b = sharedLabels([relu, seeded], [3, 4], [null, null], [true, true]);
    expect(b).toBe(a);
    const c = sharedLabels([relu, seeded], [3, 4], [null, 'mine'], [true, true]);
    expect(c).not.toBe(a);
    expect(c.get(4)).toBe('mine');
    expect(sharedLabels([relu], [3], [null], [true])).not.toBe(c);
  });
});
