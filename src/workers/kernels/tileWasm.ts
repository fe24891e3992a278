import type { KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';

/**
 * How many whole copies of x a Tile makes when it only repeats x as one block (every repeated
 * axis has size 1 in x and comes before every axis that is not repeated), else null.
 */
export function blockRepeats(shape: number[], reps: number[]): number | null {
  let copies = 1;
  let inner = false;
  for (let i = 0; i < shape.length; i++) {
    if (reps[i] === 1) {
      if (shape[i] !== 1) inner = true;
      continue;
    }
    if (inner || shape[i] !== 1) return null;
    copies *= reps[i];
  }
  return copies;
}

/**
 * Tile for the wasm backend, around its native kernel. BatchNorm's gradient tiles a [1, 1, 1, C]
 * statistic over the whole activation, which the native kernel does element by element (almost
 * half of a compact CNN's training step); as whole copies of one block, doubling with
 * copyWithin, it is a few memcpys. Other tilings use the native kernel.
 */
export const blockTile =
  (native: KernelFunc): KernelFunc =>
  ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: TensorInfo };
    const { reps } = attrs as unknown as { reps: number[] };
    const copies = x.dtype === 'float32' ? blockRepeats(x.shape, reps) : null;
    if (copies === null) return native({ inputs, backend, attrs });
    return repeatBlock(
      backend as unknown as WasmLike,
      x,
      x.shape.map((d, i) => d * reps[i]),
    );
  };

/** A new tensor of `shape` holding whole copies of `x` one after another (doubling with copyWithin). */
export function repeatBlock(wasm: WasmLike, x: TensorInfo, shape: number[]): TensorInfo {
  const out = wasm.makeOutput(shape, 'float32');
  const dst = wasm.typedArrayFromHeap(out);
  const src = wasm.typedArrayFromHeap(x);
  dst.set(src);
  for (let filled = src.length; filled < dst.length; filled *= 2)
    dst.copyWithin(filled, 0, Math.min(filled, dst.length - filled));
  return out;
}
