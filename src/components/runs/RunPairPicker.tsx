import { useState } from 'react';

/** The chosen run and the optional second one beside it, always among `ids` and never the same run twice. */
export interface RunPair {
  first: number | null;
  second: number | null;
  pick: (id: number) => void;
  pickSecond: (id: number | null) => void;
}

/** Keeps a run pair valid as `ids` changes: a run that disappears falls back to `fallback`, then the first of `ids`. */
export function useRunPair(ids: number[], fallback: number | null = null): RunPair {
  const [picked, setPicked] = useState<number | null>(null);
  const [versus, setVersus] = useState<number | null>(null);
  const first =
    picked !== null && ids.includes(picked)
      ? picked
      : fallback !== null && ids.includes(fallback)
        ? fallback
        : (ids[0] ?? null);
  const second = versus !== null && ids.includes(versus) && versus !== first ? versus : null;
  return { first, second, pick: setPicked, pickSecond: setVersus };
}

/** "Run" and "Beside it (optional)" selects, shared by every panel that shows one run or two side by side. */
export function RunPairPicker({
  ids,
  pair,
  name,
  testIds,
  empty,
}: {
  ids: number[];
  pair: RunPair;
  name: (id: number) => string;
  testIds: { first: string; second: string };
  empty?: string;
}) {
  const option = (id: number) => (
    <option key={id} value={id}>
      {name(id)}
    </option>
  );
  return (
    <>
      <label className="field">
        <span className="field-label">Run</span>
        <select
          data-testid={testIds.first}
          value={pair.first ?? ''}
          disabled={ids.length === 0}
          onChange={(e) => pair.pick(Number(e.target.value))}
        >
          {ids.length === 0 && <option value="">{empty ?? 'No runs yet'}</option>}
          {ids.map(option)}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Beside it (optional)</span>
        <select
          data-testid={testIds.second}
          value={pair.second ?? ''}
          disabled={ids.length < 2}
          onChange={(e) => pair.pickSecond(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">None</option>
          {ids.filter((id) => id !== pair.first).map(option)}
        </select>
      </label>
    </>
  );
}
