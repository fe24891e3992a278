import type { TensorInfo } from '@tensorflow/tfjs-core';

/** The parts of tfjs-backend-wasm's BackendWasm that the custom kernels use. */
export interface WasmLike {
  disposeData(dataId: object): boolean;
  readSync(dataId: object): Float32Array;
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
  /** Where each tensor's bytes are in the wasm heap (`memoryOffset`, null before they are written). */
  dataIdMap: { get(dataId: object): { memoryOffset: number | null } | undefined };
}
