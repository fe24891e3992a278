/**
 * Throws `error` outside any promise, as the worker's uncaught error: the page's `worker.onerror` sees it and
 * shows the worker's crash (the worker restarts, every waiting request is answered with the reason). A rejected
 * promise in a worker is only logged: the page is never told, and a request waiting on it never answers.
 */
export function throwLater(error: unknown): void {
  setTimeout(() => {
    throw error instanceof Error ? error : new Error(String(error));
  });
}
