// The page's side of request/answer traffic with the worker: one promise per request, typed by it.
import type { FromWorker, ReplyTo, ToWorker, WorkerRequest } from '../shared/protocol';

/** Why a request's promise rejected without an answer: a newer request replaced it, or its signal fired. */
export class RequestAborted extends Error {
  override name = 'AbortError';
}

/** True for the rejection of a request that was replaced or aborted (nothing to report). */
export const isAborted = (e: unknown): e is RequestAborted => e instanceof RequestAborted;

/** A request as the caller writes it: the bridge adds the `requestId`. */
export type RequestOf<K extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: K }>, 'requestId'>;

export interface RequestOptions {
  /** Buffers to move to the worker instead of copying. */
  transfer?: Transferable[];
  /**
   * Latest wins: a newer request with the same key aborts this one (its answer, when it comes, is
   * dropped). For views that only want the answer to their last question.
   */
  latest?: string;
  signal?: AbortSignal;
}

export interface Bridge {
  /** Sends `msg` with a fresh request id; resolves with the worker's answer, whose type follows from the request's. */
  request<K extends WorkerRequest['type']>(
    msg: RequestOf<K> & { type: K },
    options?: RequestOptions,
  ): Promise<ReplyTo<K>>;
  /** Hands an answer to its request; returns false for events that answer no request. */
  receive(msg: FromWorker): boolean;
  /** Rejects every waiting request with `reason` (the worker died). */
  rejectAll(reason: Error): void;
}

interface Pending {
  resolve(msg: FromWorker): void;
  reject(e: Error): void;
  latest?: string;
}

/** A bridge that posts through `post`. */
export function createBridge(post: (msg: ToWorker, transfer: Transferable[]) => void): Bridge {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const latest = new Map<string, number>();

  const settle = (id: number) => {
    const p = pending.get(id);
    pending.delete(id);
    if (p?.latest !== undefined && latest.get(p.latest) === id) latest.delete(p.latest);
    return p;
  };

  return {
    request(msg, { transfer = [], latest: key, signal } = {}) {
      const requestId = nextId++;
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new RequestAborted('aborted before it was sent'));
        if (key !== undefined) {
          const older = latest.get(key);
          if (older !== undefined) settle(older)?.reject(new RequestAborted(`replaced by a newer ${key} request`));
          latest.set(key, requestId);
        }
        pending.set(requestId, { resolve: resolve as (m: FromWorker) => void, reject, latest: key });
        signal?.addEventListener('abort', () => settle(requestId)?.reject(new RequestAborted('aborted')), {
          once: true,
        });
        post({ ...msg, requestId } as ToWorker, transfer);
      });
    },
    receive(msg) {
      if (!('requestId' in msg)) return false;
      settle(msg.requestId)?.resolve(msg);
      return true;
    },
    rejectAll(reason) {
      for (const id of [...pending.keys()]) settle(id)?.reject(reason);
    },
  };
}

/**
 * Runs `send` one call at a time: a call made while one is in flight waits, replacing any call
 * already waiting. A stream of inputs (a drawing, stroke by stroke) so costs at most one request
 * in flight and one queued, and the last input is always answered.
 */
export function oneAtATime<T>(send: (input: T) => Promise<unknown>): (input: T) => void {
  let busy = false;
  let waiting: { input: T } | null = null;
  const run = (input: T) => {
    busy = true;
    void send(input)
      .catch(() => undefined)
      .finally(() => {
        busy = false;
        const next = waiting;
        waiting = null;
        if (next) run(next.input);
      });
  };
  return (input) => {
    if (busy) waiting = { input };
    else run(input);
  };
}
