/// <reference lib="webworker" />
// Worker entry. Only the dataset code is here: the shards of the dataset named in the worker's name
// start downloading at once, and the training code (tfjs, ~3 MB of script) is imported after them,
// because parsing it blocks this thread for most of a second and the download would stall behind it.
// The page sees "dataset ready" when the shards are in; other messages wait for the training code.
import { loadDataset } from '../data/shards';
import { createEarlyLoader } from './earlyLoader';
import { prefetchUrlOf, threadsOf } from '../shared/workerName';
import { createDatasetSlot } from './datasetSlot';
import { throwLater } from './throwLater';
import type { FromWorker, ToWorker } from '../shared/protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer?: Transferable[]) => scope.postMessage(msg, transfer ?? []);
const early = createEarlyLoader(loadDataset);
const data = createDatasetSlot(post, early.loader);
const queued: ToWorker[] = [];
let handle: ((msg: ToWorker) => void) | null = null;

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'loadDataset') data.load(msg.datasetId, msg.baseUrl);
  else if (handle) handle(msg);
  else queued.push(msg);
};

// The dataset the page will ask for, named at creation (messages from a page busy rendering arrive late).
const prefetch = prefetchUrlOf(scope.name);
const shardsIn = prefetch ? early.start(prefetch).catch(() => undefined) : Promise.resolve();

shardsIn
  .then(() => import('./trainerRuntime'))
  .then(
    ({ startTrainer }) => {
      handle = startTrainer(post, data, threadsOf(scope.name));
      for (const msg of queued.splice(0)) handle(msg);
    },
    (e: Error) => throwLater(new Error(`the training code did not load (${e.message})`)),
  );
