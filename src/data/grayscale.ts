import type { RawDataset } from './shards';

/** ITU-R BT.601 luma of 8-bit R, G, B, rounded: the usual RGB → grayscale conversion. */
export const luma = (r: number, g: number, b: number) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

/** HWC RGB uint8 images → one-channel uint8 images. */
export function toGrayImages(rgb: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgb.length / 3);
  for (let i = 0; i < out.length; i++) out[i] = luma(rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]);
  return out;
}

/**
 * The dataset with its colour images turned to grayscale (1 channel), for training colour data
 * as gray input. Labels are shared; images are converted once (a third of the bytes).
 */
export function grayscaleDataset(ds: RawDataset): RawDataset {
  const [h, w, c] = ds.manifest.imageShape;
  if (c !== 3) return ds;
  return {
    ...ds,
    manifest: { ...ds.manifest, imageShape: [h, w, 1] },
    train: { labels: ds.train.labels, images: toGrayImages(ds.train.images) },
    test: { labels: ds.test.labels, images: toGrayImages(ds.test.images) },
  };
}

/** Input shape a network gets for a dataset shape and colour mode. */
export function inputShapeFor(
  imageShape: [number, number, number],
  colorMode: 'rgb' | 'gray',
): [number, number, number] {
  return colorMode === 'gray' && imageShape[2] === 3 ? [imageShape[0], imageShape[1], 1] : imageShape;
}
