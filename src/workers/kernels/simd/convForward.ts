import { backend_util, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmLike } from '../wasmLike';
import { pair } from '../conv2dGradWasm';
import { simdKernels } from './simdKernels';

interface Attrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | number[][];
  dataFormat?: 'NHWC' | 'NCHW';
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  activation?: string;
}

/**
 * FusedConv2D and Conv2D for the wasm backend, around their native kernels: stride-1 NHWC convolutions with
 * a linear or ReLU activation run in the SIMD kernel (`convForward`), and so do the two gradients of a
 * stride-1 convolution, which conv2dGradWasm.ts computes as forward Conv2Ds. XNNPACK, tfjs's path, was
 * slower on every training shape measured (Node, one thread, ms per call, XNNPACK / this kernel): LeNet-5's
 * conv2 at batch 64 1.53 / 0.76, its filter gradient 0.94 / 0.72, its input gradient 2.30 / 1.73; the CIFAR
 * LeNet's 3x3 convs 13.9 / 1.3 (3 channels in) and 9.0 / 3.0 (16 in); it also builds a new operator
 * (packing the filter) whenever the filter is a new tensor, which a trained variable is after every step,
 * and at batch 1 that costs more than the convolution. Strided, dilated or NCHW convolutions, other
 * activations, and everything before the SIMD module loads, go to the native kernel.
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
      a.pad as Parameters<typeof backend_util.computeConv2DInfo>[4],
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
    const ocp = Math.ceil(oc / 8) * 8;
    const ph = oh + kh - 1;
    const pw = ow + kw - 1;
    const wasm = args.backend as unknown as WasmLike;
    const taps = kh * kw * c;
    const out = wasm.makeOutput([n, oh, ow, oc], 'float32');
    // Unpadded ('valid'), the input is its own padded copy.
    const padded = ph !== h || pw !== w;
    const placed = k.place(wasm, [x], [out], [padded ? n * ph * pw * c : 0, taps * ocp, ocp]);
    const [xAt] = placed.inputs;
    const [outAt] = placed.outputs;
    const [padAt, wAt, bAt] = placed.scratch;
    const xpAt = padded ? padAt : xAt;
    // An image row of w pixels is w·c floats: padding it is padding rows of floats.
    if (padded) k.padImages(xAt, xpAt, n, h, w * c, ph, pw * c, info.padInfo.top, info.padInfo.left * c);
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
    const top = info.padInfo.top;
    k.convForward(xpAt, wAt, bAt, outAt, n, oh, ow, ph, pw, kh, kw, c, oc, ocp, act === 'relu' ? 1 : 0, top, h);
    placed.done();
    return out;
  };
