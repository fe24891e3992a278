import { useAppStore } from '../../store/useAppStore';
import { recipeById, recipeVerdict } from '../../shared/recipes';
import type { Run } from '../../store/runsSlice';

/**
 * Whether a finished recipe run reproduced its source's number (best test accuracy, one seed, as the
 * sources report): "reproduced" or "short by x points". Nothing for a run without a recipe or an epoch.
 */
export function RunVerdict({
  run,
  prefix = '',
}: {
  run: Pick<Run, 'recipe' | 'recipeModified' | 'epochs' | 'status'>;
  /** Text before the verdict, inside it (e.g. "Run 3: "). */
  prefix?: string;
}) {
  const recipe = recipeById(run.recipe);
  if (!recipe || run.status === 'running' || run.epochs.length === 0) return null;
  const best = Math.max(...run.epochs.map((e) => e.testAcc));
  const v = recipeVerdict(recipe.reported, best);
  const short = run.status === 'done' ? '' : ` after ${run.epochs.length} of ${recipe.config.epochs} epochs`;
  return (
    <span
      className={`verdict ${v.reproduced ? 'verdict-ok' : 'verdict-short'}`}
      data-testid="recipe.verdict"
      data-verdict={v.reproduced ? 'reproduced' : 'short'}
      data-best-test-acc={best.toFixed(4)}
      title={`Best test accuracy over the run's epochs against the source's ${(recipe.reported.testAcc * 100).toFixed(2)}%${run.recipeModified ? '; the settings were modified, so the number is a guide only' : ''}`}
    >
      {prefix}
      {v.text}
      {short}
      {run.recipeModified ? ' (modified settings)' : ''}
    </span>
  );
}

/** The verdict of the latest run of a recipe, for the gallery card. */
export function LatestRecipeVerdict({ recipeId }: { recipeId: string }) {
  const run = useAppStore((s) => s.runs.findLast((r) => r.recipe === recipeId));
  if (!run) return null;
  return (
    <p className="small recipe-verdict">
      {run.status === 'running' ? (
        <span className="muted">Run {run.id} is training…</span>
      ) : (
        <RunVerdict run={run} prefix={`Run ${run.id}: `} />
      )}
    </p>
  );
}
