import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, productionHeaders } from './headers';

describe('response headers', () => {
  it('production: scripts only from this origin, no eval or inline script, isolation kept', () => {
    const csp = productionHeaders['Content-Security-Policy'];
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval' blob:;/);
    expect(csp).not.toMatch(/'unsafe-eval'|'unsafe-inline'|nonce/);
    expect(productionHeaders['Cross-Origin-Embedder-Policy']).toBe('require-corp');
  });

  it('dev: the refresh preamble by nonce and hot reload over a WebSocket, still no eval', () => {
    const csp = contentSecurityPolicy({ nonce: 'abc=' });
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' blob: 'nonce-abc='");
    expect(csp).toContain("connect-src 'self' ws: wss:");
    expect(csp).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  });
});
