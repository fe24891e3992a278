import { useAppStore } from '../../store/useAppStore';
import { trainBlocker } from '../../store/selectors';
import { getTrainerClient } from '../../client/trainerClient';
import { RECIPES, recipeById, recipeMinutes, recipeModified, type Recipe } from '../../shared/recipes';
import { useSettingsLocked } from '../training/SettingsLock';
import { flashFields } from './flashFields';
import { LatestRecipeVerdict } from '../runs/RecipeVerdict';

const pct = (x: number) => `${(x * 100).toFixed(x >= 0.995 ? 2 : 1)}%`;
const duration = (m: number) =>
  m < 1.5 ? '1 minute' : m < 90 ? `${Math.round(m)} minutes` : `${(m / 60).toFixed(1)} hours`;

/**
 * The gallery of classic experiments: one choice loads a published setup into the settings (the
 * changed fields flash), a second click trains it; the card says what it teaches, the source's
 * number, how long it takes here and, after a run, whether the run reproduced the number.
 */
export function RecipePanel() {
  const recipeId = useAppStore((s) => s.recipeId);
  const datasets = useAppStore((s) => s.datasets);
  const busy = useSettingsLocked();
  const recipe = recipeById(recipeId);
  // Before the dataset index arrives nothing is known to be missing.
  const missing = (r: Recipe) => {
    if (datasets.length === 0) return null;
    const d = datasets.find((x) => x.id === r.config.datasetId);
    return d?.state === 'ready'
      ? null
      : `${d?.name ?? r.config.datasetId} is not available here. To add it, run: ${d?.fix ?? 'npm run datasets'}`;
  };
  const unavailable = RECIPES.filter((r) => missing(r));
  const load = (id: string) => {
    const changed = getTrainerClient().loadRecipe(id);
    if (changed) flashFields(changed);
  };
  return (
    <section className="card recipe-panel" data-testid="recipe.panel">
      <h2>Classic experiments</h2>
      <p className="muted small">
        Published setups, ready to train: load one, train it, and see whether your browser reproduces the paper&apos;s
        number.
      </p>
      <label
        className="field"
        title="A published experiment: choosing it loads all its settings (the ones it changes flash); your backend stays."
      >
        <span className="field-label">Recipe</span>
        <select
          data-testid="recipe.select"
          value={recipe?.id ?? ''}
          disabled={busy}
          onChange={(e) => e.target.value && load(e.target.value)}
        >
          <option value="" disabled>
            Choose an experiment…
          </option>
          {RECIPES.map((r) => (
            <option key={r.id} value={r.id} disabled={!!missing(r)}>
              {r.name}
              {missing(r) ? ' (dataset unavailable)' : ''}
            </option>
          ))}
        </select>
      </label>
      {recipe && <RecipeCard recipe={recipe} onReload={() => load(recipe.id)} />}
      {[...new Set(unavailable.map((r) => r.config.datasetId))].map((datasetId) => {
        const those = unavailable.filter((r) => r.config.datasetId === datasetId);
        return (
          <p key={datasetId} className="hint small" data-testid="recipe.unavailable">
            {those.map((r) => r.name).join(', ')}: {missing(those[0])}
          </p>
        );
      })}
    </section>
  );
}

/** The loaded recipe: what it teaches, the source's number, the time here, whether it was changed, and Train. */
function RecipeCard({ recipe, onReload }: { recipe: Recipe; onReload: () => void }) {
  const modified = useAppStore((s) => recipeModified(recipe, s.config));
  const blocker = useAppStore(trainBlocker);
  const busy = useSettingsLocked();
  const { minutes, measured } = recipeMinutes(recipe);
  const c = recipe.config;
  return (
    <div className="recipe-card" data-testid="recipe.card" data-recipe={recipe.id} data-modified={modified}>
      <p>{recipe.teaches}</p>
      <dl className="recipe-facts">
        <dt>Reported</dt>
        <dd data-testid="recipe.reported" data-test-acc={recipe.reported.testAcc}>
          <strong>{pct(recipe.reported.testAcc)}</strong> test accuracy ·{' '}
          <span className="muted">{recipe.reported.source}</span>
        </dd>
        <dt>Training</dt>
        <dd>
          {c.epochs} epochs of {c.trainSize.toLocaleString('en-US')} images, batch {c.batchSize.toLocaleString('en-US')}
        </dd>
        <dt>Time here</dt>
        <dd data-testid="recipe.time">
          {measured ? `${duration(minutes)} (measured on a 2-core CPU)` : `about ${duration(minutes)} on a 2-core CPU`}
        </dd>
      </dl>
      {modified && (
        <p className="hint small" data-testid="recipe.modified">
          You changed a setting since loading it: runs are marked &ldquo;modified&rdquo;.{' '}
          <button
            type="button"
            className="link"
            disabled={busy}
            onClick={onReload}
            title="Puts back every setting of the recipe"
          >
            Load the recipe again
          </button>
        </p>
      )}
      <button
        type="button"
        className="primary"
        data-testid="recipe.train"
        disabled={!!blocker}
        title={blocker ?? 'Trains the settings above (the same as Train in the run bar)'}
        onClick={() => getTrainerClient().runs.start()}
      >
        Train this recipe
      </button>
      <LatestRecipeVerdict recipeId={recipe.id} />
    </div>
  );
}
