import type { TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from '../wasmLike';
import type { Pads } from '../conv2dGradWasm';
import type { SimdKernels } from './simdKernels';

/**
 * Filter gradient of a stride-1 NHWC convolution with one input channel (a first layer on
 * grayscale images), with the SIMD kernels: XNNPACK runs this shape (a huge contraction into
 * 25 x 6 outputs) at a fraction of its speed. x: [n, h, w, 1], dy: [n, oh, ow, oc].
 */
export function filterGradOneChannel(
  k: SimdKernels,
  wasm: WasmLike,
  x: TensorInfo,
  dy: TensorInfo,
  kh: number,
  kw: number,
  [top, , left]: Pads,
): TensorInfo {
  const [n, h, w] = x.shape;
  const [, oh, ow, oc] = dy.shape;
  const w4 = Math.ceil(ow / 4) * 4;
  const ph = oh + kh - 1;
  const pw = w4 + kw - 1;
  const out = wasm.makeOutput([kh, kw, 1, oc], 'float32');
  const placed = k.place(wasm, [x, dy], [out], [n * ph * pw, oc * n * oh * w4]);
  const [xAt, dyAt] = placed.inputs;
  const [outAt] = placed.outputs;
  const [xpAt, dyTAt] = placed.scratch;
  k.padImages(xAt, xpAt, n, h, w, ph, pw, top, left);
  k.channelsFirst(dyAt, dyTAt, n * oh, ow, w4, oc);
  k.filterGradC1(xpAt, dyTAt, outAt, n, oh, w4, ph, pw, oc, kh, kw);
  placed.done();
  return out;
}

/**
 * Input gradient of a stride-1 NHWC convolution with the SIMD kernels (`convInputGrad`, split over threads
 * by images): each pixel of dy times the filter, added where its taps fall. Every product it computes for a
 * 'valid' convolution lands in dx, where the full correlation of dy with the rotated filter (the other path,
 * a forward convolution) multiplies the padding around dy too: LeNet-5's conv2 at batch 64, Node, one
 * thread, 1.65 -> 1.02-1.21 ms. dy: [n, oh, ow, oc], filter: [kh, kw, c, oc], dx: `inputShape` [n, h, w, c].
 */
export function inputGradByScatter(
  k: SimdKernels,
  wasm: WasmLike,
  dy: TensorInfo,
  filter: TensorInfo,
  inputShape: number[],
  [top, , left]: Pads,
): TensorInfo {
  const [n, oh, ow, oc] = dy.shape;
  const [kh, kw, c] = filter.shape;
  const [, h, w] = inputShape;
  const taps = kh * kw * c;
  const out = wasm.makeOutput([n, h, w, c], 'float32');
  const placed = k.place(wasm, [dy], [out], [oc * taps, n * oh * ow * taps]);
  const [wtAt, colsAt] = placed.scratch;
  // The filter [taps, oc] transposed to [oc, taps]: the right operand of each row's product.
  const wt = k.f32(wtAt, oc * taps);
  const f = wasm.typedArrayFromHeap(filter);
  for (let t = 0; t < taps; t++) for (let o = 0; o < oc; o++) wt[o * taps + t] = f[t * oc + o];
  k.convInputGrad(placed.inputs[0], wtAt, placed.outputs[0], colsAt, n, oh, ow, oc, kh, kw, c, h, w, top, left);
  placed.done();
  return out;
}

/**
 * How many blocks of six input channels `filterGrad` takes before its blocks of four: none when four divide
 * c (no lane idles), else as many as fit. Six channels are one block, where blocks of four left a quarter of
 * the lanes idle: LeNet-5's conv2 at batch 64, Node, plain build, one thread, 1.58-1.65 -> 0.97-0.99 ms.
 */
export const sixChannelBlocks = (c: number): number => (c % 4 !== 0 && c >= 6 ? Math.floor(c / 6) : 0);

/**
 * Filter gradient of a stride-1 NHWC convolution with more than one input channel, with the SIMD kernels
 * (`filterGrad`, split over threads by taps): tfjs's path ran it as a forward convolution of transposed
 * copies, whose 3 x 3 output left XNNPACK and our forward kernel little to vectorise (the CIFAR LeNet's two
 * filter gradients: 16 ms of a 37 ms step at batch 64). x: [n, h, w, c], dy: [n, oh, ow, oc].
 */
export function filterGradChannels(
  k: SimdKernels,
  wasm: WasmLike,
  x: TensorInfo,
  dy: TensorInfo,
  kh: number,
  kw: number,
  [top, , left]: Pads,
): TensorInfo {
  const [n, h, w, c] = x.shape;
  const [, oh, ow, oc] = dy.shape;
  const ph = oh + kh - 1;
  const pw = ow + kw - 1;
  const out = wasm.makeOutput([kh, kw, c, oc], 'float32');
  // Unpadded ('valid'), the input is its own padded copy.
  const padded = ph !== h || pw !== w;
  const placed = k.place(wasm, [x, dy], [out], [padded ? n * ph * pw * c : 0]);
  const [xAt, dyAt] = placed.inputs;
  const [outAt] = placed.outputs;
  const xpAt = padded ? placed.scratch[0] : xAt;
  // An image row of w pixels is w·c floats: padding it is padding rows of floats.
  if (padded) k.padImages(xAt, xpAt, n, h, w * c, ph, pw * c, top, left * c);
  k.filterGrad(xpAt, dyAt, outAt, n, oh, ow, ph, pw, kh, kw, c, oc, sixChannelBlocks(c));
  placed.done();
  return out;
}
