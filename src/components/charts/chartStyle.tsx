import type { XAxisTickContentProps, YAxisTickContentProps } from 'recharts';

/**
 * Chart props shared by every recharts chart, as constants: recharts stores axis and grid settings
 * in its own store and recomputes scales, ticks and every line when their identity changes, so an
 * inline `tick={{ fontSize: 12 }}` made each redraw of a live chart do its work twice.
 */
export const CHART_MARGIN = { top: 8, right: 16, bottom: 4, left: 0 };
export const SMALL_CHART_MARGIN = { top: 6, right: 10, bottom: 0, left: 0 };
export const GRID_STROKE = '#eef0f4';
/** The value axis's width in the charts drawn in two layers. */
export const Y_AXIS_WIDTH = 48;
/** recharts' default XAxis height. */
export const X_AXIS_HEIGHT = 30;
/**
 * A chart's live layer (the run training now, over the finished runs' chart) hides its axes, so its
 * margins take their place: both layers' plot areas match.
 */
export const LIVE_MARGIN = {
  ...CHART_MARGIN,
  left: CHART_MARGIN.left + Y_AXIS_WIDTH,
  bottom: CHART_MARGIN.bottom + X_AXIS_HEIGHT,
};

/** What recharts passes a tick renderer (the same for both axes in what is used here). */
type TickProps = XAxisTickContentProps | YAxisTickContentProps;

const DY: Record<TickProps['verticalAnchor'], string> = { start: '0.71em', middle: '0.355em', end: '0' };

/**
 * Axis tick labels as plain SVG text. Recharts' own tick labels measure every new label in a DOM
 * span (a forced page layout each); on a live chart whose ticks change with every redraw those
 * measurements were most of a redraw. Use with `interval={0}`, which skips the measuring that
 * decides which ticks to hide (each axis here shows its ~5 ticks).
 */
function plainTick(fontSize: number) {
  return function PlainTick({
    x,
    y,
    index,
    payload,
    textAnchor,
    verticalAnchor,
    fill,
    className,
    tickFormatter,
  }: TickProps) {
    const label = tickFormatter ? tickFormatter(payload.value, index) : String(payload.value);
    return (
      <text
        x={x}
        y={y}
        dy={DY[verticalAnchor]}
        textAnchor={textAnchor}
        fill={fill}
        fontSize={fontSize}
        className={className}
      >
        {label}
      </text>
    );
  };
}

export const TICK = plainTick(12);
export const SMALL_TICK = plainTick(11);

/** A chart tooltip's body: what is hovered (an x value, an epoch), then one coloured line per series. */
export function ChartTip({
  label,
  rows,
}: {
  label: string;
  rows: { key: string | number; color?: string; text: string }[];
}) {
  return (
    <div className="chart-tip">
      <p className="chart-tip-label">{label}</p>
      {rows.map((r) => (
        <p key={r.key} style={{ color: r.color }}>
          {r.text}
        </p>
      ))}
    </div>
  );
}
