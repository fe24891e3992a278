// Mutations of a valid JSON document for fuzzing readers: one value replaced, a key deleted, a
// prototype-pollution key added, or the text cut off.
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

function paths(v: Json, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function edit(doc: Json, path: Path, f: (parent: Record<string | number, Json>, key: string | number) => void): Json {
  const copy = structuredClone(doc);
  if (path.length === 0) return copy;
  let parent = copy as unknown as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as unknown as Record<string | number, Json>;
  f(parent, path[path.length - 1]);
  return copy;
}

/** Texts made from `valid` (a JSON text) by one random mutation. */
export function mutatedText(valid: string): fc.Arbitrary<string> {
  const doc = JSON.parse(valid) as Json;
  const all = paths(doc);
  return fc.oneof(
    fc.tuple(fc.nat(), fc.jsonValue()).map(([n, v]) =>
      JSON.stringify(
        edit(doc, all[n % all.length], (p, k) => {
          p[k] = v as Json;
        }),
      ),
    ),
    fc.nat().map((n) =>
      JSON.stringify(
        edit(doc, all[n % all.length], (p, k) => {
          if (Array.isArray(p)) p.splice(k as number, 1);
          else delete p[k];
        }),
      ),
    ),
    fc.tuple(fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype')).map(([n, key]) => {
      // A key added as JSON text: JSON.parse makes "__proto__" an own property, as a hostile file would.
      const text = JSON.stringify(doc);
      const objects = [...text.matchAll(/\{/g)].map((m) => m.index!);
      const at = objects[n % objects.length] + 1;
      return `${text.slice(0, at)}"${key}":{"polluted":true,"prototype":{"polluted":true}}${text[at] === '}' ? '' : ','}${text.slice(at)}`;
    }),
    fc.nat().map((n) => valid.slice(0, n % valid.length)),
  );
}
