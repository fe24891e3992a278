import type { FromProbe, ProbeResult, ToProbe } from '../../src/shared/protocol';
import type { ProbePort } from '../../src/client/backendChoice';

/** A stand-in probe worker: records what it was asked, and reports progress, a choice or a failure on cue. */
export class FakeProbeWorker {
  asked: ToProbe[] = [];
  terminated = false;
  onmessage: ProbePort['onmessage'] = null;
  onerror: ProbePort['onerror'] = null;
  postMessage(msg: ToProbe) {
    this.asked.push(msg);
  }
  terminate() {
    this.terminated = true;
  }
  send(msg: FromProbe) {
    this.onmessage?.call(this as unknown as Worker, { data: msg } as MessageEvent);
  }
  /** Reports `chosen` as the fastest, with one other backend slower. */
  choose(chosen: ProbeResult['backend']) {
    this.send({
      type: 'probeDone',
      chosen,
      results: [
        { backend: chosen, samplesPerSec: 3000, note: 'chosen: fastest at 3,000 samples/s' },
        { backend: 'cpu', samplesPerSec: 40, note: `slower: 40 samples/s vs 3,000 samples/s on ${chosen}` },
      ],
    });
  }
}

/** An in-memory Storage. */
export const memoryStorage = () => {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
};
