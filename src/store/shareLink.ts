import type { Config } from '../shared/config';
import { configSchema, firstIssue } from '../shared/configSchema';

const KEY = 'config=';

/** base64url of UTF-8 text, and back. */
const encode = (text: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(text)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const decode = (b64: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

/** The URL hash that carries a whole config, seed included: `#config=<base64url JSON>`. */
export function shareHash(config: Config): string {
  return `#${KEY}${encode(JSON.stringify(config))}`;
}

/**
 * Reads a config from a URL hash. No config in the hash gives null; a damaged or edited one gives
 * an error saying so (the caller keeps the settings it has).
 */
export function readShareHash(hash: string): { config: Config } | { error: string } | null {
  const at = hash.indexOf(KEY);
  if (at < 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(decode(hash.slice(at + KEY.length)));
  } catch {
    return {
      error:
        "This link's settings are damaged (not readable), so your current settings are kept. Ask for the link again.",
    };
  }
  const r = configSchema.safeParse(json);
  return r.success
    ? { config: r.data as Config }
    : {
        error: `This link's settings are not valid (${firstIssue(r.error)}), so your current settings are kept.`,
      };
}
