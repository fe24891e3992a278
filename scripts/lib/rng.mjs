// The scripts run in plain Node without a TypeScript loader, so they keep this JS copy of
// src/model/rng.ts's mulberry32 (same constants, same sequence for the same seed).

/** Seeded uniform random numbers in [0, 1) (mulberry32). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
