import { useShallowItems } from '../common/useShallowItems';
import { useAppStore } from '../../store/useAppStore';
import { shapeReportOf, specFor } from '../../store/selectors';
import type { ShapeReport } from '../../model/shapes';

/** Shape inference of the current layers on the current dataset's input, recomputed on every edit. */
export function useShapeReport(): { report: ShapeReport; inputShape: [number, number, number]; classes: number } {
  const report = useAppStore((s) => shapeReportOf(s.config, s.datasetInfo));
  const inputShape = useAppStore(useShallowItems((s) => specFor(s.config, s.datasetInfo?.imageShape).inputShape));
  const classes = useAppStore((s) => s.datasetInfo?.classes.length ?? 10);
  return { report, inputShape, classes };
}
