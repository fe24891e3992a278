import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App';
import { getTrainerClient } from './workers/trainerClient';
import { useAppStore } from './store/useAppStore';
import { historyErrorMessage, openRunHistory, syncRunsToHistory } from './store/runHistory';
import './styles.css';

/** Restores the run history from IndexedDB and keeps it in step; the page works without it. */
async function startHistory() {
  try {
    const history = await openRunHistory();
    useAppStore.getState().restoreRuns(await history.loadAll());
    syncRunsToHistory(useAppStore, history);
  } catch (e) {
    useAppStore.getState().setHistoryError(historyErrorMessage(e));
  }
}

void startHistory().then(() => getTrainerClient().init());
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
