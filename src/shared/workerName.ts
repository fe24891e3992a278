// How the page tells a starting trainer worker which dataset to fetch first: in its name, read before any message.

/**
 * The trainer worker's name, carrying the dataset URL it should start loading as soon as it runs.
 * (A message would wait: the page forwards messages to a starting worker only when its own main
 * thread is free, and that is busy with the first render for most of a second.)
 */
export const trainerWorkerName = (prefetchUrl: string) => `trainer?prefetch=${encodeURIComponent(prefetchUrl)}`;

/** The dataset URL in a {@link trainerWorkerName}, or null when there is none. */
export function prefetchUrlOf(name: string): string | null {
  const query = name.split('?')[1];
  return query === undefined ? null : new URLSearchParams(query).get('prefetch');
}
