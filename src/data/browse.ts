import type { RawDataset } from './shards';

/** How many samples of each class there are in `labels`. */
export function classCounts(labels: Uint8Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

/**
 * The first `perClass` training images of each class, concatenated class by class (`shown[c]`
 * of class c, fewer when a class is short), with the class counts of the training split.
 */
export function browseDataset(
  ds: RawDataset,
  perClass: number,
): { images: Uint8Array; shown: number[]; trainCounts: number[] } {
  const [h, w, c] = ds.manifest.imageShape;
  const px = h * w * c;
  const classes = ds.manifest.classes.length;
  const picked: number[][] = Array.from({ length: classes }, () => []);
  const { labels, images } = ds.train;
  for (let i = 0; i < labels.length && picked.some((p) => p.length < perClass); i++) {
    if (picked[labels[i]].length < perClass) picked[labels[i]].push(i);
  }
  const order = picked.flat();
  const out = new Uint8Array(order.length * px);
  order.forEach((idx, k) => out.set(images.subarray(idx * px, (idx + 1) * px), k * px));
  return { images: out, shown: picked.map((p) => p.length), trainCounts: classCounts(labels, classes) };
}
