// tfjs's backends as this project sets them up, for every worker that trains: the WebGPU backend,
// the wasm backend's files and threads, our wasm kernels, and a gradient tape that saves without copying.
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import simdKernelsUrl from './kernels/simd/kernels.wasm?url';
import sharedKernelsUrl from './kernels/simd/kernels-shared.wasm?url';
import relaxedKernelsUrl from './kernels/simd/kernels-relaxed.wasm?url';
import relaxedSharedKernelsUrl from './kernels/simd/kernels-relaxed-shared.wasm?url';
import { registerWasmTrainingKernels } from './kernels/registry';
import {
  isShared,
  loadSharedSimdKernels,
  loadSimdKernels,
  setSimdKernelLoader,
  type KernelHelper,
  type TfHeap,
} from './kernels/simd/simdKernels';
import type { HelperInit } from './kernels/simd/kernelPool';
import { defaultThreads } from '../shared/workerName';
import { shareTapeSaves } from '../model/tapeSaves';

/**
 * Points tfjs at its wasm files, registers our kernels, makes the tape save without copying and starts our
 * kernels on `threads` threads ({@link defaultThreads} when 0). Call once per worker, before the wasm
 * backend starts.
 */
export function setUpBackends(threads = 0): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  registerWasmTrainingKernels();
  shareTapeSaves();
  const cores = navigator.hardwareConcurrency || 1;
  const count = threads > 0 ? threads : defaultThreads(cores);
  // Our own SIMD kernels for the shapes XNNPACK is slow at, loaded into the wasm backend's memory when tfjs
  // first switches to it (backends.ts). On more than one thread their large calls are split over helper
  // workers sharing that memory, which needs a cross-origin isolated page (shared memory); without one they
  // run on this thread.
  const files = {
    plain: relaxedOrPlain(relaxedKernelsUrl, simdKernelsUrl),
    shared: relaxedOrPlain(relaxedSharedKernelsUrl, sharedKernelsUrl),
  };
  setSimdKernelLoader((heap) => startSimdKernels(files, count, heap));
  // tfjs's own kernels stay on this thread. Its thread pool (XNNPACK's) made training slower here: on 2
  // threads with ours also on 2 (page, samples/s, one sitting): LeNet-5 at batch 64 5,935 against 6,273 on
  // one, the 1998 LeNet-5 at batch 1 863 against 1,065; its threads keep polling after each of its
  // kernels, taking the core our helper and the page need.
  setThreadsCount(1);
  // WebGL keeps tfjs's default of shapes baked into shaders: shapes as uniforms
  // (WEBGL_USE_SHAPES_UNIFORMS) compiles half the programs for LeNet-5 (204 vs 441; first step
  // 4.5-4.7 s vs 5.4-7.0 s on SwiftShader) but every later step is ~15% slower (984-1,056 vs
  // 856-899 ms), so a run loses more than it saves after ~20 steps.
}

const bytes = (url: string) => fetch(url).then((r) => r.arrayBuffer());

/**
 * The kernels' relaxed-SIMD build where this browser compiles it, else the plain build. Their products' sums are
 * fused multiply-adds there (one instruction for two). Chromium 156 on this project's 2-core machine: a 1024x400 by
 * 400x120 product 2.21 to 1.90 ms; an epoch in the page (4 alternating runs each) LeNet-5 at batch 64 10,141 to
 * 10,607 samples/s, the CIFAR LeNet 3,013 to 3,228. A browser without relaxed SIMD fails to validate it and gets
 * the same kernels with a multiply and an add.
 */
async function relaxedOrPlain(relaxedUrl: string, plainUrl: string): Promise<ArrayBuffer> {
  const relaxed = await bytes(relaxedUrl);
  return WebAssembly.validate(relaxed) ? relaxed : bytes(plainUrl);
}

/** How long a helper thread may take to start before the kernels run on one thread instead. */
const HELPER_START_MS = 20_000;

function spawnHelper(init: HelperInit): KernelHelper {
  const worker = new Worker(new URL('./kernels/simd/kernelHelper.worker.ts', import.meta.url), {
    type: 'module',
    name: `kernel helper ${init.index}`,
  });
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('kernel helper did not start')), HELPER_START_MS);
    worker.onmessage = () => (clearTimeout(timer), resolve());
    worker.onerror = (e) => (clearTimeout(timer), reject(new Error(e.message)));
  });
  worker.postMessage(init);
  return { ready, close: () => worker.terminate() };
}

async function startSimdKernels(
  files: { plain: Promise<ArrayBuffer>; shared: Promise<ArrayBuffer> },
  threads: number,
  heap: TfHeap | null,
): Promise<void> {
  // tfjs's threaded build (chosen in a cross-origin isolated page) has a shared memory: the shared module
  // runs in it on any thread count.
  if ((heap && isShared(heap.memory)) || (threads > 1 && globalThis.crossOriginIsolated)) {
    if (await loadSharedSimdKernels(files.shared, threads, spawnHelper, heap)) return;
  }
  await loadSimdKernels(files.plain, heap);
}
