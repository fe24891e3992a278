/** The localStorage key the settings are persisted under (read by `src/main.tsx` before the store exists). */
export const CONFIG_STORAGE_KEY = 'nn-playground-config';
