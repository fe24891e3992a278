import { type KernelBackend, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from './wasmLike';
import { runWasmKernel as run } from './wrapNative';
import { simdKernels } from './simd/simdKernels';
import { inputGradByScatter } from './simd/convGrad';

/** Padding of a forward convolution as tfjs accepts it. */
export type ConvPad = 'same' | 'valid' | number | number[][];

/** [top, bottom, left, right]. */
export type Pads = [number, number, number, number];

/** [height, width] of a stride or dilation attribute (1 when absent). */
export const pair = (v: number | number[] | undefined): number[] =>
  v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : v;

/** Padding before (top or left) a convolution's input along one axis, as tfjs computes it. */
export function padBefore(
  pad: 'same' | 'valid' | number,
  inSize: number,
  outSize: number,
  stride: number,
  k: number,
): number {
  if (typeof pad === 'number') return pad;
  if (pad === 'valid') return 0;
  return Math.floor(Math.max((outSize - 1) * stride + k - inSize, 0) / 2);
}

/**
 * Padding [top, bottom, left, right] that a stride-1 convolution of an h x w input with a kh x kw
 * kernel used to produce an oh x ow output, as tfjs computes it ('same' puts the odd pixel at the
 * bottom/right); null for explicit padding lists, which the fast path does not handle.
 */
export function forwardPadding(
  pad: ConvPad,
  h: number,
  w: number,
  kh: number,
  kw: number,
  oh: number,
  ow: number,
): Pads | null {
  if (typeof pad !== 'string' && typeof pad !== 'number') return null;
  const top = padBefore(pad, h, oh, 1, kh);
  const left = padBefore(pad, w, ow, 1, kw);
  return [top, oh - 1 + kh - h - top, left, ow - 1 + kw - w - left];
}

/**
 * The padding of a convolution whose gradients this file can compute as forward convolutions:
 * stride 1, no dilation, NHWC, string or numeric padding. Null otherwise.
 */
export function fastPathPads(
  attrs: NamedAttrMap,
  xShape: number[],
  kh: number,
  kw: number,
  dyShape: number[],
): Pads | null {
  const a = attrs as { strides?: number | number[]; dilations?: number | number[]; dataFormat?: string; pad: ConvPad };
  if (pair(a.strides).some((s) => s !== 1) || pair(a.dilations).some((d) => d !== 1) || a.dataFormat === 'NCHW')
    return null;
  const pads = forwardPadding(a.pad, xShape[1], xShape[2], kh, kw, dyShape[1], dyShape[2]);
  return pads && pads.every((p) => p >= 0) ? pads : null;
}

const conv = (backend: KernelBackend, x: TensorInfo, filter: TensorInfo, pad: ConvPad) =>
  run(backend, 'Conv2D', { x, filter }, {
    strides: [1, 1],
    pad,
    dataFormat: 'NHWC',
    dilations: [1, 1],
  } as unknown as NamedAttrMap);
const transpose = (backend: KernelBackend, x: TensorInfo, perm: number[]) => run(backend, 'Transpose', { x }, { perm });
const explicit = ([t, b, l, r]: Pads): number[][] => [
  [0, 0],
  [t, b],
  [l, r],
  [0, 0],
];

/**
 * Filter gradient of a stride-1 NHWC convolution as one forward convolution, which the wasm
 * backend runs through XNNPACK. With the batch moved into the channel axis,
 * dW[kh, kw, c, o] = sum over (n, y, x) of xPadded[n, y + kh, x + kw, c] * dy[n, y, x, o]
 * is conv2d(x as [C, H, W, N], dy as [OH, OW, N, O]), read back as [KH, KW, C, O].
 */
export function filterGradByConv(backend: KernelBackend, x: TensorInfo, dy: TensorInfo, pads: Pads): TensorInfo {
  const wasm = backend as unknown as WasmLike;
  const input = transpose(backend, x, [3, 1, 2, 0]);
  const filter = transpose(backend, dy, [1, 2, 0, 3]);
  const r = conv(backend, input, filter, pads.some((p) => p > 0) ? explicit(pads) : 'valid');
  const dw = transpose(backend, r, [1, 2, 0, 3]);
  for (const t of [input, filter, r]) wasm.disposeData(t.dataId);
  return dw;
}

/**
 * Input gradient of a stride-1 NHWC convolution as one forward convolution ("full" correlation)
 * of dy with the kernel rotated by 180 degrees and its channel axes swapped.
 */
export function inputGradByConv(backend: KernelBackend, dy: TensorInfo, filter: TensorInfo, pads: Pads): TensorInfo {
  const wasm = backend as unknown as WasmLike;
  const [kh, kw] = filter.shape;
  const [top, bottom, left, right] = pads;
  const flipped = run(backend, 'Reverse', { x: filter }, { dims: [0, 1] });
  const swapped = transpose(backend, flipped, [0, 1, 3, 2]);
  const dx = conv(backend, dy, swapped, explicit([kh - 1 - top, kh - 1 - bottom, kw - 1 - left, kw - 1 - right]));
  wasm.disposeData(flipped.dataId);
  wasm.disposeData(swapped.dataId);
  return dx;
}

/**
 * Conv2DBackpropInput for the wasm backend, around its native kernel. tfjs-backend-wasm 4.22's
 * own kernel is a plain loop (about a quarter of a LeNet-5 training step); for stride-1
 * convolutions this runs the same sum as a forward convolution (our SIMD kernel, else XNNPACK), or,
 * for an unpadded ('valid') one with the SIMD kernels loaded, scatters each pixel's products
 * ({@link inputGradByScatter}): there the forward convolution would multiply a border of zeros.
 */
export const fastConv2dBackpropInput =
  (native: KernelFunc): KernelFunc =>
  ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { inputShape } = attrs as unknown as { inputShape: number[] };
    const pads = fastPathPads(attrs as NamedAttrMap, inputShape, filter.shape[0], filter.shape[1], dy.shape);
    if (!pads) return native({ inputs, backend, attrs });
    const k = simdKernels();
    if (k && pads.every((p) => p === 0) && dy.dtype === 'float32')
      return inputGradByScatter(k, backend as unknown as WasmLike, dy, filter, inputShape, pads);
    return inputGradByConv(backend as KernelBackend, dy, filter, pads);
  };
