import { parseManifest, splitShard, type Manifest, type ShardInfo } from './manifest';

/** Raised when a shard is missing, corrupt or fails its checksum; says which dataset and shard. */
export class ShardError extends Error {}

/** A dataset in memory as uint8: labels [n] and images [n * h * w * c] per split. */
export interface RawDataset {
  manifest: Manifest;
  train: { labels: Uint8Array; images: Uint8Array };
  test: { labels: Uint8Array; images: Uint8Array };
  /** True when every shard came from the Cache Storage without network. */
  fromCache: boolean;
}

const CACHE = 'dataset-shards-v1';

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function readBody(res: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    total += value.byteLength;
    onBytes(value.byteLength);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.byteLength;
  }
  return out;
}

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(CACHE);
  } catch {
    return null;
  }
}

/** Fetches one shard (cache first), verifies its sha256 and returns the gzip'd bytes. */
async function fetchShard(
  base: string,
  s: ShardInfo,
  cache: Cache | null,
  onBytes: (n: number) => void,
  label: string,
): Promise<{ bytes: Uint8Array; cached: boolean }> {
  const url = `${base}/${s.file}?sha=${s.sha256.slice(0, 16)}`;
  const hit = await cache?.match(url);
  if (hit) {
    const bytes = new Uint8Array(await hit.arrayBuffer());
    if ((await sha256Hex(bytes)) === s.sha256) {
      onBytes(s.bytes);
      return { bytes, cached: true };
    }
    await cache?.delete(url);
  }
  const res = await fetch(url).catch(() => null);
  if (!res || !res.ok) throw new ShardError(`${label}: shard ${s.file} is missing (HTTP ${res?.status ?? 'error'})`);
  const bytes = await readBody(res, onBytes);
  if (bytes.byteLength !== s.bytes || (await sha256Hex(bytes)) !== s.sha256) {
    throw new ShardError(`${label}: shard ${s.file} is corrupt (checksum mismatch)`);
  }
  // Not awaited: the dataset is ready without waiting for the disk.
  void cache?.put(url, new Response(bytes as Uint8Array<ArrayBuffer>)).catch(() => undefined);
  return { bytes, cached: false };
}

/**
 * Loads a dataset's manifest and every shard under `base` (e.g. `/datasets/mnist`), verifying
 * each shard's sha256 and caching it in Cache Storage. `onProgress` gets bytes loaded / total.
 * Throws {@link ShardError} for a missing or corrupt file.
 */
export async function loadDataset(
  base: string,
  onProgress: (loaded: number, total: number) => void,
): Promise<RawDataset> {
  const res = await fetch(`${base}/manifest.json`, { cache: 'no-cache' }).catch(() => null);
  if (!res || !res.ok) throw new ShardError(`${base}/manifest.json is missing`);
  let manifest: Manifest;
  try {
    manifest = parseManifest(await res.json());
  } catch (e) {
    throw new ShardError(`${base}/manifest.json is invalid: ${(e as Error).message}`);
  }
  const px = manifest.imageShape[0] * manifest.imageShape[1] * manifest.imageShape[2];
  const all = [...manifest.splits.train.shards, ...manifest.splits.test.shards];
  const total = all.reduce((a, s) => a + s.bytes, 0);
  let loaded = 0;
  const onBytes = (n: number) => onProgress((loaded += n), total);
  const cache = await openCache();
  let allCached = true;
  // Every shard at once: fetches, checksums and decompression overlap instead of queueing.
  const readShard = async (s: ShardInfo) => {
    const { bytes, cached } = await fetchShard(base, s, cache, onBytes, manifest.name);
    allCached &&= cached;
    try {
      return splitShard(await gunzip(bytes), s.count, px);
    } catch (e) {
      throw new ShardError(`${manifest.name}: shard ${s.file} is corrupt (${(e as Error).message})`);
    }
  };
  const readSplit = async (split: 'train' | 'test') => {
    const info = manifest.splits[split];
    const parts = await Promise.all(info.shards.map(readShard));
    const labels = new Uint8Array(info.count);
    const images = new Uint8Array(info.count * px);
    let at = 0;
    parts.forEach((p, i) => {
      labels.set(p.labels, at);
      images.set(p.images, at * px);
      at += info.shards[i].count;
    });
    return { labels, images };
  };
  const [train, test] = await Promise.all([readSplit('train'), readSplit('test')]);
  return { manifest, train, test, fromCache: allCached };
}
