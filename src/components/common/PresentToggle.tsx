import { useAppStore } from '../../store/useAppStore';

/** Presentation mode: larger type, lines and legends for a projector, with the set-up column hidden. */
export function PresentToggle() {
  const presenting = useAppStore((s) => s.presenting);
  return (
    <button
      type="button"
      data-testid="view.present"
      aria-pressed={presenting}
      title="For a projector: larger type, thicker lines and legends, and the set-up column hidden"
      onClick={() => useAppStore.getState().setPresenting(!presenting)}
    >
      {presenting ? 'Exit presentation' : 'Present'}
    </button>
  );
}
