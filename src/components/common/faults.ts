/**
 * Faults the e2e tests cause in the built app, to show that each ends in a message: a test sets
 * `window.__nnFaults` before the page loads (Playwright's addInitScript). Nothing else sets it.
 */
export interface Faults {
  /** A panel (by its PanelBoundary name) whose render throws. */
  renderError?: string;
}

export const faults = (): Faults => (globalThis as { __nnFaults?: Faults }).__nnFaults ?? {};
