import { describe, expect, it } from 'vitest';
import {
  RECIPES,
  recipeById,
  recipeConfig,
  recipeLabel,
  recipeMinutes,
  recipeModified,
  recipeVerdict,
} from './recipes';
import { configSchema } from './configSchema';
import { inferShapes } from '../model/shapes';
import { toTrainConfig } from './trainConfig';
import { lrAt } from '../model/schedules';

const shapeOf = (datasetId: string): [number, number, number] => (datasetId === 'cifar10' ? [32, 32, 3] : [28, 28, 1]);

describe('the recipe gallery', () => {
  it('holds the source experiments under the ids the test-id contract names', () => {
    const ids = RECIPES.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['lenet5-99', 'keras-1998', 'compact-cnn']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(RECIPES.map((r) => [r.id, r] as const))('%s: a whole, valid config whose network builds', (_id, r) => {
    const config = recipeConfig(r, 'wasm');
    expect(configSchema.safeParse(config).success).toBe(true);
    expect(() => toTrainConfig(config)).not.toThrow();
    const report = inferShapes({ inputShape: shapeOf(config.datasetId), classes: 10, layers: config.layers });
    expect(report.error).toBeFalsy();
    expect(r.reported.testAcc).toBeGreaterThan(0);
    expect(r.reported.testAcc).toBeLessThan(1);
  });

  it("keeps the sources' settings: the 1998 schedule, full-batch MLPs, under 10,000 compact parameters", () => {
    const keras = recipeById('keras-1998')!.config;
    expect(keras).toMatchObject({ batchSize: 1, loss: 'mse', optimizer: 'sgd', epochs: 20, normalization: 'none' });
    // The paper's rates: 0.0005 for 2 epochs, 0.0002 for 3, 0.00005 for 4, then 0.00001.
    expect(Array.from({ length: 20 }, (_, e) => lrAt(keras.schedule, keras.learningRate, e + 1, 20))).toEqual([
      ...Array(2).fill(0.0005),
      ...Array(3).fill(0.0002),
      ...Array(4).fill(0.00005),
      ...Array(11).fill(0.00001),
    ]);
    for (const id of ['mlp-sigmoid', 'mlp-bn']) expect(recipeById(id)!.config.batchSize).toBe(60000);
    const compact = recipeById('compact-cnn')!.config;
    const params = inferShapes({ inputShape: [28, 28, 1], classes: 10, layers: compact.layers }).trainableParams;
    expect(params).toBe(8160);
    expect(params).toBeLessThan(10000);
  });

  it('keeps the backend the person chose and tells a changed setting from none', () => {
    const r = recipeById('lenet5-99')!;
    const loaded = recipeConfig(r, 'cpu');
    expect(loaded.backend).toBe('cpu');
    expect(recipeModified(r, loaded)).toBe(false);
    expect(recipeModified(r, { ...loaded, backend: 'wasm' })).toBe(false);
    // Same settings with keys in another order are the same settings.
    const reordered = Object.fromEntries(Object.entries(loaded).reverse()) as typeof loaded;
    expect(recipeModified(r, reordered)).toBe(false);
    expect(recipeModified(r, { ...loaded, batchSize: 32 })).toBe(true);
    expect(recipeModified(r, { ...loaded, augment: { ...loaded.augment, rotation: 5 } })).toBe(true);
    const layers = loaded.layers.map((l) => (l.kind === 'pool' ? { ...l, op: 'avg' as const } : l));
    expect(recipeModified(r, { ...loaded, layers })).toBe(true);
  });

  it('labels a run by its recipe, marked when modified, and keeps an unknown id as it is', () => {
    expect(recipeLabel({ recipe: 'lenet5-99' })).toBe('LeNet-5 to 99%');
    expect(recipeLabel({ recipe: 'lenet5-99', recipeModified: true })).toBe('LeNet-5 to 99% (modified)');
    expect(recipeLabel({ recipe: 'from-elsewhere' })).toBe('from-elsewhere');
    expect(recipeLabel({ recipe: null })).toBeNull();
    expect(recipeLabel({})).toBeNull();
  });

  it('calls a run reproduced within 0.3 points or above, else short by the gap', () => {
    const at = (testAcc: number, band?: number) => ({ testAcc, band });
    expect(recipeVerdict(at(0.99), 0.9912)).toMatchObject({ reproduced: true });
    expect(recipeVerdict(at(0.99), 0.9875)).toMatchObject({ reproduced: true });
    const short = recipeVerdict(at(0.929), 0.9);
    expect(short.reproduced).toBe(false);
    expect(short.points).toBeCloseTo(-2.9, 10);
    expect(short.text).toBe('short by 2.90 points: 90.00% vs 92.9% reported');
    expect(recipeVerdict(at(0.99), 0.9969).text).toBe('reproduced: 99.69% vs 99.0% reported');
    expect(recipeVerdict(at(0.99), 0.9869).reproduced).toBe(false);
    // A failure to learn is reproduced within its band either side: learning well is not reproducing it.
    expect(recipeVerdict(at(0.1427, 3), 0.123)).toMatchObject({ reproduced: true });
    expect(recipeVerdict(at(0.1427, 3), 0.1)).toMatchObject({ reproduced: false });
    expect(recipeVerdict(at(0.1427, 3), 0.5).text).toBe('above by 35.73 points: 50.00% vs 14.3% reported');
    expect(recipeVerdict(at(0.1427, 3), 0.1).points).toBeCloseTo(-4.27, 10);
  });

  it('estimates the time of a recipe not yet measured from its epochs, images and speed', () => {
    const r = { ...recipeById('lenet5-99')!, id: 'never-measured', samplesPerSec: 1000 };
    // 10 epochs x (60,000 training + 10,000 test images at 4x the speed) at 1,000 samples/s.
    expect(recipeMinutes(r)).toEqual({ minutes: (10 * 62500) / 1000 / 60, measured: false });
  });
});
