import { getBackend } from '@tensorflow/tfjs-core';
import type { DropoutMaskFill } from '../../model/layers';
import { simdKernels } from './simd/simdKernels';

/**
 * model/layers.ts's dropout masks in the SIMD kernel (`dropoutMask`): the same values as its loop, four
 * lanes at a time. The compact CNN draws 1.3M of them a training step at batch 64, which took a tenth of
 * the step in the loop. Only on the wasm backend, which copies a new tensor's values at once: the view
 * into the kernels' memory is reused by their next call (and copied first where making the tensor could
 * detach it: a non-shared tfjs heap). Null elsewhere and before the kernels load.
 */
export const simdDropoutMask: DropoutMaskFill = (count, seed, limit, keep) => {
  const k = simdKernels();
  if (!k || getBackend() !== 'wasm') return null;
  const [at] = k.scratch([count]);
  k.dropoutMask(at, count, seed | 0, limit >>> 0, keep);
  const mask = k.f32(at, count);
  return k.viewsOutliveAllocation ? mask : mask.slice();
};
