/** The page's localStorage, or null where reading it throws (blocked storage, sandboxed frames). */
export function safeLocalStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
