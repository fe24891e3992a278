import { Worker } from 'node:worker_threads';
import { loadSharedSimdKernels, type SimdKernels } from '../../src/workers/kernels/simd/simdKernels';
import { kernelBytes, type KernelBuild } from './simdKernels';

/**
 * Loads kernels-shared.wasm (or `build`'s shared build) with `threads` threads in Node: `threads - 1` real
 * worker_threads running the same helper loop as the page's helper workers.
 */
export function loadThreadedKernels(threads: number, build: KernelBuild = 'plain'): Promise<SimdKernels | null> {
  const bytes = kernelBytes(build, true);
  return loadSharedSimdKernels(bytes, threads, (init) => {
    const worker = new Worker(new URL('./kernelHelperNode.mjs', import.meta.url));
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.postMessage(init);
    return { ready, close: () => void worker.terminate() };
  });
}
