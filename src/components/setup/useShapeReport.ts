import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../../store/useAppStore';
import { specFor } from '../../store/selectors';
import { inferShapes, type ShapeReport } from '../../model/shapes';

const DEFAULT_SHAPE: [number, number, number] = [28, 28, 1];

/** Shape inference of the current layers on the current dataset's input, recomputed on every edit. */
export function useShapeReport(): { report: ShapeReport; inputShape: [number, number, number]; classes: number } {
  const layers = useAppStore((s) => s.config.layers);
  const colorMode = useAppStore((s) => s.config.colorMode);
  const [h, w, c] = useAppStore(useShallow((s) => s.datasetInfo?.imageShape ?? DEFAULT_SHAPE));
  const classes = useAppStore((s) => s.datasetInfo?.classes.length ?? 10);
  return useMemo(() => {
    const spec = specFor({ layers, colorMode }, [h, w, c], classes);
    return { report: inferShapes(spec), inputShape: spec.inputShape, classes };
  }, [layers, colorMode, h, w, c, classes]);
}
