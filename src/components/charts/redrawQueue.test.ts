import { describe, expect, it } from 'vitest';
import { createRedrawQueue } from './redrawQueue';

/** A hand-driven timer: `run(ms)` advances time and fires what is due, in order. */
function fakeTimer() {
  let now = 0;
  const due: { at: number; fn: () => void }[] = [];
  return {
    later: (fn: () => void, ms: number) => {
      due.push({ at: now + ms, fn });
    },
    run(ms: number) {
      const end = now + ms;
      for (;;) {
        due.sort((a, b) => a.at - b.at);
        if (!due.length || due[0].at > end) break;
        const next = due.shift()!;
        now = next.at;
        next.fn();
      }
      now = end;
    },
    now: () => now,
  };
}

describe('createRedrawQueue', () => {
  it('runs redraws asked for together one at a time, gapMs apart, in the order asked', () => {
    const t = fakeTimer();
    const q = createRedrawQueue(60, t.later);
    const at: [string, number][] = [];
    for (const name of ['batch', 'loss', 'acc']) q.request(() => at.push([name, t.now()]));
    t.run(1000);
    expect(at).toEqual([
      ['batch', 0],
      ['loss', 60],
      ['acc', 120],
    ]);
  });

  it('asking again while queued keeps one place; a cancelled redraw never runs', () => {
    const t = fakeTimer();
    const q = createRedrawQueue(50, t.later);
    const ran: string[] = [];
    const a = () => ran.push('a');
    const b = () => ran.push('b');
    q.request(a);
    const cancelB = q.request(b);
    q.request(a);
    cancelB();
    t.run(500);
    expect(ran).toEqual(['a']);
  });

  it('a redraw asked for after the queue went quiet runs at once, and again after a busy spell', () => {
    const t = fakeTimer();
    const q = createRedrawQueue(40, t.later);
    const at: number[] = [];
    const r = () => at.push(t.now());
    q.request(r);
    t.run(100);
    q.request(r);
    q.request(() => at.push(-1));
    q.request(r); // already queued: no second place
    t.run(100);
    expect(at).toEqual([0, 100, -1]);
    q.request(r);
    t.run(100);
    expect(at).toEqual([0, 100, -1, 200]);
  });
});
