import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AFTER_PAINT_MAX_MS, afterPaint } from './afterPaint';

describe('afterPaint', () => {
  let frames: FrameRequestCallback[];
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('calls back in a task after the next frame, once', () => {
    const fn = vi.fn();
    afterPaint(fn);
    vi.advanceTimersByTime(50);
    expect(fn).not.toHaveBeenCalled();
    frames[0](0);
    // The frame itself (its paint) comes first: the call is a task after it.
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(0);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(AFTER_PAINT_MAX_MS);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('calls back after the longest wait when no frame comes (a hidden tab), once', () => {
    const fn = vi.fn();
    afterPaint(fn);
    vi.advanceTimersByTime(AFTER_PAINT_MAX_MS - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    frames[0](0);
    vi.advanceTimersByTime(10);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
