import { memo, useId } from 'react';
import { useActiveTooltipLabel, usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import { linePath, nearestPoint, type XY } from './chartMath';

/** One line drawn by {@link StaticLines}: a run's (finished or training), a reference curve, a layer's health. */
export interface StaticLine {
  /** Unique in its chart; also the line's `data-key`. */
  key: string;
  /** In the chart's data units, by increasing x. */
  points: readonly XY[];
  stroke: string;
  /** Default 1.5. */
  width?: number;
  dash?: string;
  /** Radius of a dot at each point (white inside, as recharts draws them); none by default. */
  dot?: number;
}

/**
 * Lines drawn as plain SVG paths on the scales of the recharts chart they sit in: both layers (finished
 * runs, the run training now) of the epoch and batch charts, and the health chart. Why not recharts'
 * `<Line>`: each one registers itself in the chart's store, and
 * adding, removing or redrawing lines sets off a cascade (store reducers, then store-driven
 * re-renders of every line and axis, in the same task) that grows with the lines on the chart: a
 * run's end or start redrew some sixty lines in one 40-75 ms main-thread task with twenty runs
 * shown. These lines are one component that recharts' store does not know about, so the chart
 * keeps its axes, grid and tooltip while a redraw costs one render of a few paths. On hover, each
 * line gets a dot at the point the tooltip lists (the nearest to the hovered x). The live batch line
 * as a recharts `<Line>` also made most of the page's allocations while training (31.6 MB over a
 * 2-epoch run, 18.0 MB without it).
 */
export const StaticLines = memo(function StaticLines({ lines }: { lines: readonly StaticLine[] }) {
  const sx = useXAxisScale();
  const sy = useYAxisScale();
  const area = usePlotArea();
  // An id a CSS url() takes as it is (React's ids hold characters such as « and :).
  const clip = `static-${useId().replace(/[^\w-]/g, '')}`;
  if (!sx || !sy || !area) return null;
  // Lines stop at the plot's edges; a dot on an edge shows whole (its clip is wider by a dot).
  return (
    <g className="static-lines">
      <defs>
        <clipPath id={`${clip}l`}>
          <rect x={area.x} y={area.y} width={area.width} height={area.height} />
        </clipPath>
        <clipPath id={`${clip}d`}>
          <rect x={area.x - 5} y={area.y - 5} width={area.width + 10} height={area.height + 10} />
        </clipPath>
      </defs>
      {/* One clip for all lines, one for all dots: a clip per line made a paint chunk per line, and
          compositing a frame ("layerize") grows with the chunks (10-19 ms a frame with twenty runs). */}
      <g clipPath={`url(#${clip}l)`}>
        {lines.map((l) => (
          <path
            key={l.key}
            className="chart-line"
            data-key={l.key}
            d={linePath(l.points, sx, sy)}
            fill="none"
            stroke={l.stroke}
            strokeWidth={l.width ?? 1.5}
            strokeDasharray={l.dash}
          />
        ))}
      </g>
      <g clipPath={`url(#${clip}d)`}>
        {lines.map((l) =>
          l.dot ? (
            <g key={l.key} className="chart-dots" data-key={l.key}>
              <Dots line={l} sx={sx} sy={sy} />
            </g>
          ) : null,
        )}
      </g>
      <HoverDots lines={lines} sx={sx} sy={sy} />
    </g>
  );
});

type Scale = (v: number) => unknown;

function Dots({ line, sx, sy }: { line: StaticLine; sx: Scale; sy: Scale }) {
  return line.points.map((p) => {
    const [cx, cy] = [sx(p.x), sy(p.y)];
    if (typeof cx !== 'number' || typeof cy !== 'number' || !Number.isFinite(cx + cy)) return null;
    return (
      <circle key={p.x} cx={cx} cy={cy} r={line.dot} fill="#fff" stroke={line.stroke} strokeWidth={line.width ?? 1.5} />
    );
  });
}

/** A dot on each line at the point nearest the hovered x (the tooltip's label), while hovered. */
function HoverDots({ lines, sx, sy }: { lines: readonly StaticLine[]; sx: Scale; sy: Scale }) {
  const label = useActiveTooltipLabel();
  const at = Number(label);
  if (label == null || !Number.isFinite(at)) return null;
  return (
    <g className="chart-hover-dots" pointerEvents="none">
      {lines.map((l) => {
        const p = nearestPoint(l.points as XY[], at);
        const [cx, cy] = p ? [sx(p.x), sy(p.y)] : [];
        if (typeof cx !== 'number' || typeof cy !== 'number' || !Number.isFinite(cx + cy)) return null;
        return <circle key={l.key} cx={cx} cy={cy} r={4} fill={l.stroke} stroke="#fff" strokeWidth={2} />;
      })}
    </g>
  );
}
