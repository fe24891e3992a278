// Offline after the first visit: the service worker (built by vite-plugin-pwa with Workbox) keeps
// the app shell, the workers and the wasm files; the dataset shards and starters keep themselves in
// Cache Storage. A new version waits: the page says so, and reloads only when the person asks,
// never by itself (a run in progress would be cut off).
import type { StoreApi } from 'zustand';
import type { AppState } from '../store/useAppStore';

let activate: ((reload?: boolean) => Promise<void>) | null = null;

/**
 * Registers the service worker (production builds only) once the dataset has loaded: its first
 * install fetches ~8 MB of scripts and wasm, which would otherwise compete with the first visit's
 * dataset and starter. A waiting new version sets `updateReady`.
 */
export async function registerOffline(store: StoreApi<AppState>): Promise<void> {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  await new Promise<void>((resolve) => {
    const settled = (s: AppState) => s.datasetState !== 'loading';
    if (settled(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (!settled(s)) return;
      stop();
      resolve();
    });
  });
  const { registerSW } = await import('virtual:pwa-register');
  activate = registerSW({
    immediate: true,
    onNeedRefresh: () => store.getState().setUpdateReady(true),
    onRegisterError: () => undefined, // the page works online without it
  });
}

/** Switches to the waiting version and reloads the page with it. */
export function reloadWithUpdate(): void {
  if (activate) void activate(true);
  else location.reload();
}
