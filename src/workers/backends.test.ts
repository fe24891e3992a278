import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import type { BackendName } from '../shared/protocol';
import { backendTask, switchBackend, useBackend } from './backends';

/** A backend that takes 20 ms to start, as wasm does (it compiles its module); a new instance each start. */
function registerSlow(name: string) {
  const cpu = tf.findBackend('cpu') ?? (tf.engine().registry.cpu as tf.KernelBackend);
  const Cpu = cpu.constructor as new () => tf.KernelBackend;
  tf.registerBackend(name, () => new Promise<tf.KernelBackend>((r) => setTimeout(() => r(new Cpu()), 20)));
  return name as BackendName;
}

describe('backend changes in a worker', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('tfjs alone: a second start while the first is under way fails the first (why changes are queued)', async () => {
    await tf.setBackend('cpu');
    const slow = registerSlow('slow-a');
    const [first, second] = await Promise.all([switchBackend(slow), switchBackend(slow)]);
    expect(first).toMatch(/failed to initialise/);
    expect(second).toBeNull();
  });

  it('overlapping changes run one at a time: both starts succeed, and the last one asked for is the backend', async () => {
    await tf.setBackend('cpu');
    const slow = registerSlow('slow-b');
    const results = await Promise.all([useBackend(slow), useBackend(slow), useBackend('cpu')]);
    expect(results).toEqual([null, null, null]);
    expect(tf.getBackend()).toBe('cpu');
    await useBackend(slow);
    expect(tf.getBackend()).toBe('slow-b');
  });

  it('a task holds the queue until it ends: a fallback inside it is never split from its first try', async () => {
    await tf.setBackend('cpu');
    const slow = registerSlow('slow-c');
    const order: string[] = [];
    const task = backendTask(async () => {
      order.push('task starts');
      await switchBackend(slow);
      await switchBackend('cpu');
      order.push('task ends');
    });
    const after = useBackend(slow).then(() => order.push('change after it'));
    await Promise.all([task, after]);
    expect(order).toEqual(['task starts', 'task ends', 'change after it']);
    expect(tf.getBackend()).toBe('slow-c');
  });
});
