import { useEffect, useRef, type RefObject } from 'react';

/**
 * A ref that holds the latest committed `value`: read from callbacks (a chart's tooltip) that
 * must not change, and so must not redraw the chart, when the value does.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  }, [value]);
  return ref;
}
