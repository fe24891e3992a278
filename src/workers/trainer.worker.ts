/// <reference lib="webworker" />
// Worker entry: registers backends, then hands every message to the handler.
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import simdKernelsUrl from './kernels/simd/kernels.wasm?url';
import { registerWasmTrainingKernels } from './kernels/conv2dBackpropFilterWasm';
import { loadSimdKernels } from './kernels/simd/simdKernels';
import { createHandler } from './handler';
import type { ToWorker } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
registerWasmTrainingKernels();
// Our own SIMD kernels for the shapes XNNPACK is slow at; until they load (a few KB), tfjs's paths run.
void loadSimdKernels(fetch(simdKernelsUrl).then((r) => r.arrayBuffer()));
// One core is left for the page: with 2 cores, one thread trains LeNet-5 as fast as two
// (1,720-1,840 vs 1,680-1,750 samples/s; much of the step is in single-threaded kernels) and the
// page, which renders charts while training runs, stops competing with it for a core.
setThreadsCount(Math.max(1, (navigator.hardwareConcurrency || 1) - 1));

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler((msg, transfer) => scope.postMessage(msg, transfer ?? []));
scope.onmessage = (e: MessageEvent<ToWorker>) => handle(e.data);
