/** The localStorage key the settings are persisted under (read by `src/main.tsx` before the store exists). */
export const CONFIG_STORAGE_KEY = 'nn-playground-config';

/**
 * The localStorage key of the wasm backend's thread count the person chose (a machine setting, not part of a
 * run's config; read by `src/main.tsx` to start the worker with it).
 */
export const THREADS_STORAGE_KEY = 'nn-playground-threads';
