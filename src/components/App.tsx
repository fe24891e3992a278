import { BackendPanel } from './setup/BackendPanel';
import { BatchChart } from './charts/BatchChart';
import { ComparePanel } from './runs/ComparePanel';
import { DataOptions } from './setup/DataOptions';
import { DatasetPanel } from './setup/DatasetPanel';
import { DrawPad } from './inference/DrawPad';
import { ImagePanel } from './inference/ImagePanel';
import { EpochCharts } from './charts/EpochCharts';
import { EpochTable } from './training/EpochTable';
import { EvaluatePanel } from './inference/EvaluatePanel';
import { HyperParams } from './setup/HyperParams';
import { ModelPanel } from './setup/ModelPanel';
import { RunList } from './runs/RunList';
import { SettingsLock } from './training/SettingsLock';
import { SweepPanel } from './runs/SweepPanel';
import { ShareLink } from './runs/ShareLink';
import { StartupNotice } from './common/StartupNotice';
import { RunLegend } from './charts/RunLegend';
import { TrainControls } from './training/TrainControls';
import { FirstExperiment } from './training/FirstExperiment';
import { PresentToggle } from './common/PresentToggle';
import { UndoToast } from './runs/UndoToast';
import { InsightPanel } from './insight/InsightPanel';
import { ActivationsPanel } from './insight/ActivationsPanel';
import { useAppStore } from '../store/useAppStore';

/**
 * The page by task: set up (data, model and its layers, training) on the left; the run bar (always
 * in view) and the results in the middle; use the model (draw, classify) on the right. On a phone
 * the same order in one column, with the run bar pinned to the bottom of the screen.
 */
export function App() {
  const presenting = useAppStore((s) => s.presenting);
  return (
    <div className={`app${presenting ? ' present' : ''}`}>
      <header className="header">
        <div className="header-main">
          <h1>Neural Network Playground</h1>
          <p className="muted tagline">
            Train small vision networks on real data, right in your browser. Flip one knob, train again, compare.
          </p>
        </div>
        <div className="header-actions">
          <PresentToggle />
          <ShareLink />
        </div>
        <StartupNotice />
      </header>
      <SettingsLock>
        <main className="layout">
          <aside className="col setup" aria-label="Set up">
            <h2 className="section-title">Set up</h2>
            <DatasetPanel />
            <ModelPanel />
            <HyperParams />
            <DataOptions />
            <SweepPanel />
            <BackendPanel />
          </aside>
          <section className="col center" aria-label="Train and results">
            <TrainControls />
            <FirstExperiment />
            <h2 className="section-title">Results</h2>
            <section className="card">
              <RunLegend />
              <EpochCharts />
              <BatchChart />
            </section>
            <ComparePanel />
            <InsightPanel />
            <section className="card">
              <h2>Epochs</h2>
              <EpochTable />
              <h2>Runs</h2>
              <RunList />
            </section>
            <EvaluatePanel />
          </section>
          <aside className="col side" aria-label="Use the model">
            <h2 className="section-title">Use the model</h2>
            <DrawPad />
            <ImagePanel />
            <ActivationsPanel />
          </aside>
        </main>
        <UndoToast />
      </SettingsLock>
    </div>
  );
}
