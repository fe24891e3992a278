/**
 * Line icons drawn as SVG. Unicode symbols such as ⑂ (fork) or ⤓ (download) are missing from
 * common fonts: they render as empty boxes, and the browser's font-fallback search for them cost
 * ~50 ms of layout each time a run row appeared.
 */
function Icon({ d }: { d: string }) {
  return (
    <svg
      className="svg-icon"
      viewBox="0 0 16 16"
      width="14"
      height="14"
      aria-hidden="true"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

/** Two branches leaving one trunk: "start a new run from this one". */
export const ForkIcon = () => <Icon d="M5 2.5v4.5c0 1.6 1.2 2.5 3 2.5s3-.9 3-2.5V2.5M8 9.5v4" />;

/** An arrow into a tray: "save to a file". */
export const DownloadIcon = () => <Icon d="M8 2.5v7.5M4.8 7 8 10.2 11.2 7M3 13.5h10" />;
