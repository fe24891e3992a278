import { backend_util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from '../wasmLike';
import { pair } from '../conv2dGradWasm';
import { simdKernels } from './simdKernels';

interface Attrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number;
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
}

/**
 * Convolutions of more than one input channel up to this many multiply-adds run in the SIMD kernel too:
 * XNNPACK builds a new operator (packing the filter) whenever the filter is a new tensor, which a trained
 * variable is after every step, and at small batches that costs more than the convolution (LeNet-5's conv2
 * at batch 1: 240k multiply-adds).
 */
export const SMALL_CONV_MACS = 1 << 20;

/**
 * FusedConv2D for the wasm backend, around its native kernel: stride-1 convolutions with a linear or
 * ReLU activation run in the SIMD kernels when the input has one channel (a first layer on grayscale
 * images, where XNNPACK reaches a fraction of its speed: LeNet-5's conv1 took 2.6 ms) or the work is small
 * ({@link SMALL_CONV_MACS}). Everything else, and everything before the SIMD module loads, goes to the
 * native kernel.
 */
export const simdConv =
  (native: KernelFunc): KernelFunc =>
  (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const a = args.attrs as unknown as Attrs;
    const k = simdKernels();
    const act = a.activation ?? 'linear';
    if (
      !k ||
      !x ||
      !filter ||
      preluActivationWeights ||
      a.dataFormat === 'NCHW' ||
      (act !== 'linear' && act !== 'relu') ||
      pair(a.strides).some((s) => s !== 1) ||
      pair(a.dilations).some((d) => d !== 1) ||
      x.dtype !== 'float32' ||
      (bias && bias.shape.length !== 1)
    )
      return native(args);
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filter.shape as [number, number, number, number],
      1,
      1,
      a.pad,
      a.dimRoundingMode,
    );
    const {
      batchSize: n,
      inHeight: h,
      inWidth: w,
      outHeight: oh,
      outWidth: ow,
      outChannels: oc,
      filterHeight: kh,
      filterWidth: kw,
    } = info;
    const c = info.inChannels;
    if (c > 1 && n * oh * ow * oc * kh * kw * c > SMALL_CONV_MACS) return native(args);
    const ocp = Math.ceil(oc / 8) * 8;
    const ph = oh + kh - 1;
    const pw = ow + kw - 1;
    const wasm = args.backend as unknown as WasmLike;
    const taps = kh * kw * c;
    const [xAt, xpAt, wAt, bAt, outAt] = k.scratch([n * h * w * c, n * ph * pw * c, taps * ocp, ocp, n * oh * ow * oc]);
    k.f32(xAt, n * h * w * c).set(wasm.typedArrayFromHeap(x));
    // An image row of w pixels is w·c floats: padding it is padding rows of floats.
    k.padImages(xAt, xpAt, n, h, w * c, ph, pw * c, info.padInfo.top, info.padInfo.left * c);
    const wp = k.f32(wAt, taps * ocp);
    const fv = wasm.typedArrayFromHeap(filter);
    wp.fill(0);
    for (let t = 0; t < taps; t++) wp.set(fv.subarray(t * oc, (t + 1) * oc), t * ocp);
    const bp = k.f32(bAt, ocp);
    bp.fill(0);
    if (bias) {
      const bv = wasm.typedArrayFromHeap(bias);
      // A bias of one value broadcasts over every channel.
      if (bv.length === 1) bp.fill(bv[0], 0, oc);
      else bp.set(bv);
    }
    k.convForward(xpAt, wAt, bAt, outAt, n, oh, ow, ph, pw, kh, kw, c, oc, ocp, act === 'relu' ? 1 : 0);
    const out = wasm.makeOutput([n, oh, ow, oc], 'float32');
    wasm.typedArrayFromHeap(out).set(k.f32(outAt, n * oh * ow * oc));
    return out;
  };
