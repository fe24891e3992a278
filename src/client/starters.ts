// The starter models shipped with the app (public/starters/<dataset>/, made by npm run starters):
// fetched once, kept in Cache Storage like the dataset shards, so drawings are answered on a
// first visit and offline.

/** A starter's files and what it says of itself. */
export interface StarterFiles {
  modelJson: string;
  weights: ArrayBuffer;
  name: string;
  testAcc?: number;
}

const CACHE = 'nn-playground-starters';

/** Where a dataset's starter is served. */
export const starterUrl = (datasetId: string) =>
  new URL(`${import.meta.env.BASE_URL}starters/${datasetId}/`, location.href).href;

/** A response from the network, else from the cache; what the network gave is cached. */
async function get(url: string, cache: Cache | null): Promise<Response | null> {
  const fromNet = await fetch(url, { cache: 'no-cache' }).catch(() => null);
  if (fromNet?.ok) {
    await cache?.put(url, fromNet.clone()).catch(() => undefined);
    return fromNet;
  }
  return (await cache?.match(url)) ?? null;
}

/** The dataset's starter, or null when it has none (an imported dataset) or it cannot be had. */
export async function fetchStarter(datasetId: string): Promise<StarterFiles | null> {
  const base = starterUrl(datasetId);
  const cache = (await globalThis.caches?.open(CACHE).catch(() => null)) ?? null;
  const json = await get(`${base}model.json`, cache);
  if (!json) return null;
  const modelJson = await json.text();
  let meta: { name?: string; testAcc?: number };
  try {
    meta = JSON.parse(modelJson)?.userDefinedMetadata?.nnPlayground?.starter ?? {};
  } catch {
    return null;
  }
  const weights = await get(`${base}model.weights.bin`, cache);
  if (!weights) return null;
  return { modelJson, weights: await weights.arrayBuffer(), name: meta.name ?? 'model', testAcc: meta.testAcc };
}
