import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../shared/config';
import { sharedLabels } from './useRunLabels';

describe('sharedLabels', () => {
  const relu = { ...DEFAULT_CONFIG, seed: 1 };
  const seeded = { ...DEFAULT_CONFIG, seed: 2 };

  it('labels runs by what differs, or by the name a person gave', () => {
    const labels = sharedLabels([relu, seeded], [3, 4], [null, 'baseline']);
    expect(labels.get(4)).toBe('baseline');
    expect(labels.get(3)).toBe('ReLU · max · seed 1');
  });

  it('components asking with equal inputs share one Map; a rename makes a new one', () => {
    const a = sharedLabels([relu, seeded], [3, 4], [null, null]);
    const b = sharedLabels([relu, seeded], [3, 4], [null, null]);
    expect(b).toBe(a);
    const c = sharedLabels([relu, seeded], [3, 4], [null, 'mine']);
    expect(c).not.toBe(a);
    expect(c.get(4)).toBe('mine');
    expect(sharedLabels([relu], [3], [null])).not.toBe(c);
  });
});
