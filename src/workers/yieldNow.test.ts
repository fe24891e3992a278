import { describe, expect, it } from 'vitest';
import { createThrottledYield, createYield } from './yieldNow';

describe('yielding between steps', () => {
  it('takes a macrotask turn, so a message queued before it is handled first', async () => {
    const order: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => order.push('message');
    channel.port2.postMessage(null);
    await createYield()();
    await new Promise((r) => setTimeout(r, 0));
    order.push('after');
    expect(order).toEqual(['message', 'after']);
    channel.port1.close();
  });

  it('takes a turn only once the interval has passed since the last one', async () => {
    let t = 0;
    let turns = 0;
    const y = createThrottledYield(
      5,
      () => t,
      async () => void turns++,
    );
    for (const at of [0, 1, 4.9, 5, 7, 9.9, 10, 30]) {
      t = at;
      await y();
    }
    // Turns at 0, 5 and 10 (each then starts a new interval), and 30.
    expect(turns).toBe(4);
  });
});
