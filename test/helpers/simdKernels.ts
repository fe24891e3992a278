import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadSimdKernels, tfHeap, type SimdKernels } from '../../src/workers/kernels/simd/simdKernels';

/** How the kernels reach tfjs's tensors: in tfjs's wasm memory (as in the page) or by copies into their own. */
export type KernelMemory = 'inPlace' | 'copies';

/**
 * Loads kernels.wasm on one thread: by default into the wasm backend's memory, as the page does (starting the
 * backend if needed, then going back to the active one), or with 'copies' into a memory of its own (as the
 * kernels run when tfjs's memory cannot be shared with their threads). Throws if the mode did not take.
 */
export async function loadTestKernels(mode: KernelMemory = 'inPlace'): Promise<SimdKernels> {
  const bytes = readFileSync(new URL('../../src/workers/kernels/simd/kernels.wasm', import.meta.url));
  let heap = null;
  if (mode === 'inPlace') {
    const active = tf.getBackend();
    await tf.setBackend('wasm');
    heap = tfHeap(tf.backend());
    if (active && active !== 'wasm') await tf.setBackend(active);
  }
  const k = await loadSimdKernels(bytes, heap);
  if (!k || k.inPlace !== (mode === 'inPlace')) throw new Error(`the kernels did not load ${mode}`);
  return k;
}
