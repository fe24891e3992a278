/**
 * How raw uint8 pixels become the network's input: `none` keeps 0-255, `unit` scales to [0, 1],
 * `centered` to [-0.5, 0.5], `standardize` subtracts each channel's training-set mean and divides
 * by its standard deviation (computed on the samples the run trains on).
 */
export type NormalizationId = 'none' | 'unit' | 'centered' | 'standardize';

export const NORMALIZATION_NAMES: Record<NormalizationId, string> = {
  none: 'None (0-255)',
  unit: '[0, 1]',
  centered: '[-0.5, 0.5]',
  standardize: 'Mean/std',
};

/** Per-channel mean and standard deviation of pixel values scaled to [0, 1]. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}

/** Input = raw · scale[c] + offset[c], per channel c: every normalisation is this affine map. */
export interface PixelTransform {
  scale: number[];
  offset: number[];
}

/**
 * Mean and (population) standard deviation per channel over `indices` of uint8 images with
 * `channels` interleaved channels and `px` values per image, in [0, 1] units. For the MNIST
 * training set this gives the well-known 0.1307 and 0.3081.
 */
export function channelStats(
  images: Uint8Array,
  px: number,
  channels: number,
  indices: ArrayLike<number>,
): ChannelStats {
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  for (let k = 0; k < indices.length; k++) {
    const base = indices[k] * px;
    for (let j = 0; j < px; j++) {
      const v = images[base + j];
      const c = j % channels;
      sum[c] += v;
      sq[c] += v * v;
    }
  }
  const n = (indices.length * px) / channels;
  const mean = Array.from(sum, (s) => s / n);
  const std = Array.from(sq, (s, c) => Math.sqrt(Math.max(0, s / n - mean[c] * mean[c])));
  return { mean: mean.map((m) => m / 255), std: std.map((s) => s / 255) };
}

/**
 * The map inputs get when nothing says otherwise (a batch without options, a model file without
 * our metadata): [0, 1] scaling, for every channel.
 */
export const defaultPixelTransform = (channels: number): PixelTransform => pixelTransform('unit', channels);

/** The affine map for a normalisation; `standardize` needs the training set's stats. */
export function pixelTransform(id: NormalizationId, channels: number, stats?: ChannelStats): PixelTransform {
  const fill = (v: number) => Array.from({ length: channels }, () => v);
  switch (id) {
    case 'none':
      return { scale: fill(1), offset: fill(0) };
    case 'unit':
      return { scale: fill(1 / 255), offset: fill(0) };
    case 'centered':
      return { scale: fill(1 / 255), offset: fill(-0.5) };
    case 'standardize': {
      if (!stats) throw new Error('Per-channel standardisation needs the training set statistics.');
      const std = stats.std.map((s) => Math.max(s, 1e-6));
      return { scale: std.map((s) => 1 / (255 * s)), offset: stats.mean.map((m, c) => -m / std[c]) };
    }
  }
}
