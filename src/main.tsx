/**
 * The page's entry, a few kilobytes: starts the training worker, and with it the dataset
 * download, then loads the app (`start.tsx`), whose bundle would otherwise have to download and
 * run before the worker could start.
 */
import {
  createTrainerWorker,
  datasetUrl,
  startEarlyWorker,
  storedDatasetId,
  storedThreadCap,
} from './client/earlyWorker';

let storage: Storage | null = null;
try {
  storage = localStorage;
} catch {
  // Storage blocked: the defaults' dataset.
}
startEarlyWorker(datasetUrl(storedDatasetId(storage)), (url) => createTrainerWorker(url, storedThreadCap(storage)));
import('./start').catch((e: unknown) => {
  // The loading note would otherwise stay up forever.
  const note = document.querySelector('.boot-note');
  if (!note) return;
  note.textContent = `The playground could not load (${e instanceof Error ? e.message : String(e)}). Reload the page to try again.`;
  note.setAttribute('role', 'alert');
});
