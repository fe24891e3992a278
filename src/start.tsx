import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { getTrainerClient } from './client/trainerClient';
import { useAppStore } from './store/useAppStore';
import { historyErrorMessage, openRunHistory, syncRunsToHistory } from './store/runHistory';
import { readShareHash } from './store/shareLink';
import { registerOffline } from './client/offline';
import type { Faults } from './components/common/faults';
import './styles.css';

/** Restores the run history from IndexedDB and keeps it in step; the page works without it. */
async function startHistory() {
  try {
    const history = await openRunHistory();
    useAppStore.getState().restoreRuns(await history.loadAll());
    syncRunsToHistory(useAppStore, history);
    await getTrainerClient().attachHistory(history);
  } catch (e) {
    useAppStore.getState().setHistoryError(historyErrorMessage(e));
    await getTrainerClient().attachHistory(null);
  }
}

/** A share link's config replaces the settings; a damaged one changes nothing and says so. The hash is then cleared. */
function applyShareLink() {
  const shared = readShareHash(location.hash);
  if (!shared) return;
  const s = useAppStore.getState();
  if ('config' in shared) s.replaceConfig(shared.config);
  s.setStartupMessage('config' in shared ? 'Loaded the settings from the shared link.' : shared.error);
  history.replaceState(null, '', location.pathname + location.search);
}

applyShareLink();
// The e2e tests' handle on faults they cannot cause from outside (window.__nnFaults set before load).
if ((window as unknown as { __nnFaults?: Faults }).__nnFaults)
  (window as unknown as { __nnTest: object }).__nnTest = {
    loseGpuDevice: () => getTrainerClient().injectFault('loseGpuDevice'),
  };
// The dataset starts loading (and the worker starting) before the first render, beside the history.
void getTrainerClient().init();
void startHistory();
void registerOffline(useAppStore);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
