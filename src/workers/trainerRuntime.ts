// The worker's training code: tfjs and its backends, our kernels and the message handler.
// Loaded by trainer.worker.ts with a dynamic import, so the dataset can load while this parses.
import { setUpBackends } from './runtime';
import { createHandler } from './handler';
import type { DatasetSlot, Post } from './datasetSlot';
import type { ToWorker } from '../shared/protocol';

/**
 * Sets up tfjs's backends and kernels (the wasm backend with `threads` threads, 0 for the default),
 * and returns the handler for every message from the page.
 */
export function startTrainer(post: Post, data: DatasetSlot, threads = 0): (msg: ToWorker) => void {
  setUpBackends(threads);
  return createHandler(post, data);
}
