import { useMemo } from 'react';
import { useSameItems } from '../common/useSameItems';
import type { ValueAxis } from './epochSeries';

/**
 * `axis`, keeping the previous render's object while its numbers are the same: recharts re-registers an axis
 * (and redoes the chart's layout) when its domain or ticks are new arrays.
 */
export function useSameAxis(axis: ValueAxis): ValueAxis {
  const items = useSameItems([...axis.domain, ...axis.ticks]);
  return useMemo(() => ({ domain: [items[0], items[1]], ticks: items.slice(2) }), [items]);
}
