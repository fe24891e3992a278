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
// tfjs defaults to half the cores; training is the only heavy work here, so use them all
// (LeNet-5 on 2 cores: ~410 -> ~485 samples/s).
setThreadsCount(Math.max(1, navigator.hardwareConcurrency || 1));

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = createHandler((msg, transfer) => scope.postMessage(msg, transfer ?? []));
scope.onmessage = (e: MessageEvent<ToWorker>) => handle(e.data);
