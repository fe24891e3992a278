/// <reference lib="webworker" />
// Worker entry: registers backends, then hands every message to the handler.
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmTrainingKernels } from './kernels/conv2dBackpropFilterWasm';
import { createHandler } from './handler';
import type { ToWorker } from './protocol';

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
registerWasmTrainingKernels();
// One core is left for the page: with 2 cores, one thread trains LeNet-5 as fast as two
// (1,720-1,840 vs 1,680-1,750 samples/s; most time is now in single-threaded JS kernels) and the
// page, which renders charts while training runs, stops competing with it for a core.
setThreadsCount(Math.max(1, (navigator.hardwareConcurrency || 1) - 1));

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler((msg, transfer) => scope.postMessage(msg, transfer ?? []));
scope.onmessage = (e: MessageEvent<ToWorker>) => handle(e.data);
