import { describe, expect, it } from 'vitest';
import { BUSY, BUSY_HEAVY, createPageBusy } from './pageBusy';
import { BEAT_AT, BEAT_MS, BEATING_AT } from '../shared/protocol';

describe("the page's busy flag", () => {
  it('is up from a raise until the next paint, and waits for one paint however often it is raised', () => {
    const paints: (() => void)[] = [];
    const busy = createPageBusy({ paint: (fn) => paints.push(fn) })!;
    const flag = new Int32Array(busy.flag);
    expect(Atomics.load(flag, 0)).toBe(0);
    busy.raise();
    busy.raise();
    expect(Atomics.load(flag, 0)).toBe(1);
    expect(paints).toHaveLength(1);
    paints[0]();
    expect(Atomics.load(flag, 0)).toBe(0);
    busy.raise();
    expect(Atomics.load(flag, 0)).toBe(1);
    expect(paints).toHaveLength(2);
  });

  it('a heavy frame raises it to the level the trainer waits for, which a light one does not lower', () => {
    const paints: (() => void)[] = [];
    const busy = createPageBusy({ paint: (fn) => paints.push(fn) })!;
    const flag = new Int32Array(busy.flag);
    busy.raise();
    expect(Atomics.load(flag, 0)).toBe(BUSY);
    busy.raise(true);
    expect(Atomics.load(flag, 0)).toBe(BUSY_HEAVY);
    busy.raise();
    expect(Atomics.load(flag, 0)).toBe(BUSY_HEAVY);
    expect(paints).toHaveLength(1);
    paints[0]();
    expect(Atomics.load(flag, 0)).toBe(0);
  });

  it('is never up while the page is hidden (it paints nothing then)', () => {
    const paints: (() => void)[] = [];
    const changed: (() => void)[] = [];
    let hidden = true;
    const busy = createPageBusy({
      paint: (fn) => paints.push(fn),
      hidden: () => hidden,
      visibility: (fn) => changed.push(fn),
    })!;
    const flag = new Int32Array(busy.flag);
    busy.raise();
    expect(Atomics.load(flag, 0)).toBe(0);
    expect(paints).toHaveLength(0);
    hidden = false;
    busy.raise();
    expect(Atomics.load(flag, 0)).toBe(1);
    // Hidden before the frame is painted: down at once (a hidden page's paint fallback waits up to a second).
    hidden = true;
    changed.forEach((fn) => fn());
    expect(Atomics.load(flag, 0)).toBe(0);
  });

  it('beats while a run trains and the page shows: a timer counts, and stops with the run or when the page hides', () => {
    const timers: { fn: () => void; ms: number; stopped: boolean }[] = [];
    const changed: (() => void)[] = [];
    let hidden = false;
    const busy = createPageBusy({
      paint: () => undefined,
      hidden: () => hidden,
      visibility: (fn) => changed.push(fn),
      every: (fn, ms) => {
        const t = { fn, ms, stopped: false };
        timers.push(t);
        return () => (t.stopped = true);
      },
    })!;
    const view = new Int32Array(busy.flag);
    const beats = () => Atomics.load(view, BEAT_AT);
    const beating = () => Atomics.load(view, BEATING_AT);
    expect([beating(), timers.length]).toEqual([0, 0]);
    busy.beat(true);
    expect(beating()).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([BEAT_MS]);
    const start = beats();
    timers[0].fn();
    timers[0].fn();
    expect(beats()).toBe(start + 2);
    // Asked twice: still one timer.
    busy.beat(true);
    expect(timers).toHaveLength(1);
    // Hidden: no beat (its timer would run once a second), and back when the page shows again.
    hidden = true;
    changed.forEach((fn) => fn());
    expect([beating(), timers[0].stopped]).toEqual([0, true]);
    hidden = false;
    changed.forEach((fn) => fn());
    expect([beating(), timers.length, timers[1].stopped]).toEqual([1, 2, false]);
    busy.beat(false);
    expect([beating(), timers[1].stopped]).toEqual([0, true]);
    // Shown again with no run: no beat.
    changed.forEach((fn) => fn());
    expect([beating(), timers.length]).toEqual([0, 2]);
  });

  it('is not made where the page has no shared memory', () => {
    const isolated = Object.getOwnPropertyDescriptor(globalThis, 'crossOriginIsolated');
    Object.defineProperty(globalThis, 'crossOriginIsolated', { value: false, configurable: true });
    try {
      expect(createPageBusy()).toBeNull();
    } finally {
      if (isolated) Object.defineProperty(globalThis, 'crossOriginIsolated', isolated);
      else delete (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
    }
  });
});
