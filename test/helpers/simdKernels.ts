import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { loadSimdKernels, tfHeap, type SimdKernels } from '../../src/workers/kernels/simd/simdKernels';

/** How the kernels reach tfjs's tensors: in tfjs's wasm memory (as in the page) or by copies into their own. */
export type KernelMemory = 'inPlace' | 'copies';

/** The kernels' two builds: plain SIMD, and relaxed SIMD (fused multiply-adds), which the page prefers. */
export type KernelBuild = 'plain' | 'relaxed';

/** The kernels' plain and relaxed-SIMD (fused multiply-add) builds. */
export const KERNEL_BUILDS: readonly KernelBuild[] = ['plain', 'relaxed'];

/** Where kernel tests run: both memories with the plain build, and the relaxed build as the page runs it. */
export const KERNEL_CASES = [
  ['inPlace', 'plain'],
  ['copies', 'plain'],
  ['inPlace', 'relaxed'],
] as const satisfies readonly (readonly [KernelMemory, KernelBuild])[];

/** The bytes of one build of the kernels, on their own memory or (`shared`) on a shared one for threads. */
export function kernelBytes(build: KernelBuild, shared = false) {
  const name = `kernels${build === 'relaxed' ? '-relaxed' : ''}${shared ? '-shared' : ''}.wasm`;
  const bytes = readFileSync(new URL(`../../src/workers/kernels/simd/${name}`, import.meta.url));
  if (build === 'relaxed') {
    // Node 20's V8 (11.3) compiles relaxed SIMD behind this flag; Chromium has it on since 114. V8's flags are
    // the process's, so worker_threads started after this compile it too.
    setFlagsFromString('--experimental-wasm-relaxed-simd');
    if (!WebAssembly.validate(bytes)) throw new Error('this Node cannot compile relaxed SIMD');
  }
  return bytes;
}

/**
 * Loads kernels.wasm (or `build`'s) on one thread: by default into the wasm backend's memory, as the page does
 * (starting the backend if needed, then going back to the active one), or with 'copies' into a memory of its own (as the
 * kernels run when tfjs's memory cannot be shared with their threads). Throws if the mode did not take.
 */
export async function loadTestKernels(
  mode: KernelMemory = 'inPlace',
  build: KernelBuild = 'plain',
): Promise<SimdKernels> {
  const bytes = kernelBytes(build);
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
