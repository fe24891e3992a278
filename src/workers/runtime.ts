// tfjs's backends as this project sets them up, for every worker that trains: the WebGPU backend,
// the wasm backend's files and threads, and our wasm kernels.
import '@tensorflow/tfjs-backend-webgpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import simdKernelsUrl from './kernels/simd/kernels.wasm?url';
import { registerWasmTrainingKernels } from './kernels/registry';
import { loadSimdKernels } from './kernels/simd/simdKernels';

/** Points tfjs at its wasm files, registers our kernels and sets the wasm thread count. Call once per worker. */
export function setUpBackends(): void {
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
  // WebGL keeps tfjs's default of shapes baked into shaders: shapes as uniforms
  // (WEBGL_USE_SHAPES_UNIFORMS) compiles half the programs for LeNet-5 (204 vs 441; first step
  // 4.5-4.7 s vs 5.4-7.0 s on SwiftShader) but every later step is ~15% slower (984-1,056 vs
  // 856-899 ms), so a run loses more than it saves after ~20 steps.
}
