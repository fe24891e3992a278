// tfjs's backends as this project sets them up, for every worker that trains: the WebGPU backend,
// the wasm backend's files and threads, our wasm kernels, and a gradient tape that saves without copying.
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import simdKernelsUrl from './kernels/simd/kernels.wasm?url';
import { registerWasmTrainingKernels } from './kernels/registry';
import { loadSimdKernels } from './kernels/simd/simdKernels';
import { defaultThreads } from '../shared/workerName';
import { shareTapeSaves } from '../model/tapeSaves';

/**
 * Points tfjs at its wasm files, registers our kernels, makes the tape save without copying and sets the wasm thread count (`threads`, or
 * {@link defaultThreads} when 0). Call once per worker, before the wasm backend starts.
 */
export function setUpBackends(threads = 0): void {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  registerWasmTrainingKernels();
  shareTapeSaves();
  // Our own SIMD kernels for the shapes XNNPACK is slow at; until they load (a few KB), tfjs's paths run.
  void loadSimdKernels(fetch(simdKernelsUrl).then((r) => r.arrayBuffer()));
  const cores = navigator.hardwareConcurrency || 1;
  const count = threads > 0 ? threads : defaultThreads(cores);
  // tfjs-backend-wasm 4.22 caps its thread pool at half of navigator.hardwareConcurrency (it takes every
  // x86 core for two hyperthreads), so on a 2-core machine it never ran more than one thread, whatever
  // setThreadsCount asked. Its wasm module reads the count once, when it starts: this worker's navigator
  // reports enough cores for the count asked (the page's navigator is untouched).
  if (count > Math.floor(cores / 2)) {
    Object.defineProperty(navigator, 'hardwareConcurrency', { value: count * 2, configurable: true });
  }
  setThreadsCount(count);
  // WebGL keeps tfjs's default of shapes baked into shaders: shapes as uniforms
  // (WEBGL_USE_SHAPES_UNIFORMS) compiles half the programs for LeNet-5 (204 vs 441; first step
  // 4.5-4.7 s vs 5.4-7.0 s on SwiftShader) but every later step is ~15% slower (984-1,056 vs
  // 856-899 ms), so a run loses more than it saves after ~20 steps.
}
