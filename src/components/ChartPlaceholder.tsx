/**
 * What a chart shows before it has data: a calm box of the chart's height with a line saying
 * what will appear. Cheaper than an empty recharts chart, which costs ~100 ms of first render.
 */
export function ChartPlaceholder({ height, children }: { height: number; children: string }) {
  return <div className="chart-empty" style={{ height }}>{children}</div>;
}
