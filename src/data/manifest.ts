/** One gzip'd shard: `count` label bytes then `count` images of uint8 HWC pixels. */
export interface ShardInfo {
  file: string;
  count: number;
  /** Size of the gzip'd file in bytes (what is transferred). */
  bytes: number;
  /** Hex sha256 of the gzip'd file. */
  sha256: string;
}

/** A split (train or test): total sample count and its shards in order. */
export interface SplitInfo {
  count: number;
  shards: ShardInfo[];
}

/** `public/datasets/<id>/manifest.json`, written by `npm run datasets`. */
export interface Manifest {
  version: 1;
  id: string;
  name: string;
  source: string;
  imageShape: [number, number, number];
  classes: string[];
  splits: { train: SplitInfo; test: SplitInfo };
}

/** `public/datasets/index.json`: every known dataset and whether shards exist for it. */
export interface DatasetIndexEntry {
  id: string;
  name: string;
  state: 'ready' | 'unavailable';
  /** The command that makes this dataset available. */
  fix: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isPosInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

function checkSplit(v: unknown, name: string): SplitInfo {
  if (!isObj(v) || !isPosInt(v.count) || !Array.isArray(v.shards)) throw new Error(`split "${name}" is malformed`);
  let sum = 0;
  for (const s of v.shards) {
    if (
      !isObj(s) ||
      typeof s.file !== 'string' ||
      !/^[\w.-]+$/.test(s.file) ||
      !isPosInt(s.count) ||
      !isPosInt(s.bytes) ||
      typeof s.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(s.sha256)
    ) {
      throw new Error(`a shard of split "${name}" is malformed`);
    }
    sum += s.count;
  }
  if (sum !== v.count) throw new Error(`split "${name}" says ${v.count} samples but its shards hold ${sum}`);
  return v as unknown as SplitInfo;
}

/** Validates parsed JSON as a {@link Manifest}; throws an Error saying what is wrong. */
export function parseManifest(json: unknown): Manifest {
  if (!isObj(json) || json.version !== 1) throw new Error('manifest has an unknown version');
  const shape = json.imageShape;
  if (!Array.isArray(shape) || shape.length !== 3 || !shape.every(isPosInt))
    throw new Error('manifest imageShape is malformed');
  if (!Array.isArray(json.classes) || json.classes.length < 2 || !json.classes.every((c) => typeof c === 'string')) {
    throw new Error('manifest classes are malformed');
  }
  if (!isObj(json.splits)) throw new Error('manifest splits are missing');
  checkSplit(json.splits.train, 'train');
  checkSplit(json.splits.test, 'test');
  return json as unknown as Manifest;
}

/** Validates `index.json`; throws on anything malformed. */
export function parseDatasetIndex(json: unknown): DatasetIndexEntry[] {
  if (!isObj(json) || !Array.isArray(json.datasets)) throw new Error('dataset index is malformed');
  return json.datasets.map((d) => {
    if (
      !isObj(d) ||
      typeof d.id !== 'string' ||
      typeof d.name !== 'string' ||
      typeof d.fix !== 'string' ||
      (d.state !== 'ready' && d.state !== 'unavailable')
    )
      throw new Error('dataset index entry is malformed');
    return { id: d.id, name: d.name, state: d.state, fix: d.fix };
  });
}

/** Splits a decompressed shard into its labels and pixels, checking the size. */
export function splitShard(
  raw: Uint8Array,
  count: number,
  pixelsPerImage: number,
): { labels: Uint8Array; images: Uint8Array } {
  const expected = count + count * pixelsPerImage;
  if (raw.byteLength !== expected) throw new Error(`shard holds ${raw.byteLength} bytes, expected ${expected}`);
  return { labels: raw.subarray(0, count), images: raw.subarray(count) };
}
