// Every kernel this project gives tfjs's wasm backend, registered in one place.
import { getKernel, registerKernel, unregisterKernel } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasm } from './conv2dBackpropFilterWasm';
import { avgPoolGradWasm, maxPoolGradWasm } from './poolGradWasm';
import { fastConv2dBackpropInput } from './conv2dGradWasm';
import { smallFusedMatMul, untransposedMatMul } from './matMulWasm';
import { wrapNativeKernel } from './wrapNative';
import { blockTile } from './tileWasm';
import { channelBatchNorm, channelBroadcast } from './broadcastWasm';
import { channelReduce } from './channelSumWasm';
import { fusedAdamWasm } from './adamWasm';
import { fusedSgdWasm } from './sgdWasm';
import { activationGradWasm } from './activationGradWasm';
import { accuracyWasm } from './accuracyWasm';
import { softmaxMseWasm } from './softmaxMseWasm';
import { softmaxCrossEntropyGradWasm, softmaxCrossEntropyWasm } from './softmaxCrossEntropyWasm';
import { biasAddWasm } from './biasAddWasm';
import { batchNormTrainGradWasm, batchNormTrainWasm } from './batchNormWasm';
import { sharedIdentity } from './identityWasm';
import { simdConv } from './simd/convForward';
import { reluGradBiasWasm } from './reluGradWasm';
import { simdDropoutMask } from './dropoutWasm';
import { setDropoutMaskFill } from '../../model/layers';

/**
 * Registers every kernel the wasm backend lacks, gets wrong or runs slowly for training:
 * Conv2DBackpropFilter (missing), MaxPoolGrad (wrong for all-negative windows),
 * AvgPoolGrad (slow), Conv2DBackpropInput (a plain loop; stride-1 cases go through XNNPACK),
 * BatchMatMul and _FusedMatMul (slow with a transposed operand or a small product), Tile and Add/Sub/Multiply/RealDiv (slow for
 * BatchNorm's per-channel broadcasts) and
 * Sum/Mean (slow per-channel reductions), FusedBatchNorm (slow per element), Identity (copies), FusedConv2D (slow for one input
 * channel and at small batches; with the SIMD kernels), and adds a one-kernel Adam step ({@link fusedAdamWasm}), a one-kernel SGD step for every weight ({@link fusedSgdWasm}), a one-kernel tanh and sigmoid gradient
 * ({@link activationGradWasm}),
 * a one-pass ReLU and bias gradient ({@link reluGradBiasWasm}), a one-kernel batch accuracy ({@link accuracyWasm}),
 * a one-kernel gradient of the softmax's squared error ({@link softmaxMseWasm}), a one-kernel softmax cross-entropy
 * with a one-kernel gradient ({@link softmaxCrossEntropyWasm}) and a dense layer's bias add with
 * a two-kernel-shorter gradient ({@link biasAddWasm}), and a batch normalisation in training as one kernel with a
 * one-kernel gradient ({@link batchNormTrainWasm}); and fills dropout masks in the SIMD kernel ({@link simdDropoutMask}).
 * Safe to call twice.
 */
export function registerWasmTrainingKernels(): void {
  setDropoutMaskFill(simdDropoutMask);
  wrapNativeKernel('Conv2DBackpropInput', fastConv2dBackpropInput);
  wrapNativeKernel('BatchMatMul', untransposedMatMul);
  wrapNativeKernel('_FusedMatMul', smallFusedMatMul);
  wrapNativeKernel('Tile', blockTile);
  for (const op of ['Add', 'Sub', 'Multiply', 'RealDiv']) wrapNativeKernel(op, channelBroadcast);
  wrapNativeKernel('FusedBatchNorm', channelBatchNorm);
  wrapNativeKernel('Sum', channelReduce(false));
  wrapNativeKernel('Mean', channelReduce(true));
  wrapNativeKernel('Identity', sharedIdentity);
  wrapNativeKernel('FusedConv2D', simdConv);
  wrapNativeKernel('Conv2D', simdConv);
  for (const k of [
    conv2dBackpropFilterWasm,
    maxPoolGradWasm,
    avgPoolGradWasm,
    fusedAdamWasm,
    fusedSgdWasm,
    activationGradWasm,
    reluGradBiasWasm,
    accuracyWasm,
    softmaxMseWasm,
    softmaxCrossEntropyWasm,
    softmaxCrossEntropyGradWasm,
    biasAddWasm,
    batchNormTrainWasm,
    batchNormTrainGradWasm,
  ]) {
    if (getKernel(k.kernelName, 'wasm')?.kernelFunc === k.kernelFunc) continue;
    if (getKernel(k.kernelName, 'wasm')) unregisterKernel(k.kernelName, 'wasm');
    registerKernel(k);
  }
}
