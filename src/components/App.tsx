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
import { RecipePanel } from './setup/RecipePanel';
import { RunList } from './runs/RunList';
import { SettingsLock } from './training/SettingsLock';
import { SweepPanel } from './runs/SweepPanel';
import { ShareLink } from './runs/ShareLink';
import { ExportButtons } from './runs/ExportButtons';
import { StartupNotice } from './common/StartupNotice';
import { RunLegend } from './charts/RunLegend';
import { TrainControls } from './training/TrainControls';
import { FirstExperiment } from './training/FirstExperiment';
import { PresentToggle } from './common/PresentToggle';
import { UndoToast } from './runs/UndoToast';
import { InsightPanel } from './insight/InsightPanel';
import { ActivationsPanel } from './insight/ActivationsPanel';
import { useAppStore } from '../store/useAppStore';
import { PanelBoundary } from './common/PanelBoundary';
import { UpdateBanner } from './common/UpdateBanner';

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
          <ExportButtons />
          <ShareLink />
        </div>
        <StartupNotice />
        <UpdateBanner />
      </header>
      <SettingsLock>
        <main className="layout">
          <aside className="col setup" aria-label="Set up">
            <h2 className="section-title">Set up</h2>
            <PanelBoundary name="Classic experiments">
              <RecipePanel />
            </PanelBoundary>
            <PanelBoundary name="Dataset">
              <DatasetPanel />
            </PanelBoundary>
            <PanelBoundary name="Model">
              <ModelPanel />
            </PanelBoundary>
            <PanelBoundary name="Training settings">
              <HyperParams />
            </PanelBoundary>
            <PanelBoundary name="Data options">
              <DataOptions />
            </PanelBoundary>
            <PanelBoundary name="Sweep">
              <SweepPanel />
            </PanelBoundary>
            <PanelBoundary name="Backend">
              <BackendPanel />
            </PanelBoundary>
          </aside>
          <section className="col center" aria-label="Train and results">
            <PanelBoundary name="Run bar">
              <TrainControls />
            </PanelBoundary>
            <PanelBoundary name="First experiment">
              <FirstExperiment />
            </PanelBoundary>
            <h2 className="section-title">Results</h2>
            <PanelBoundary name="Charts">
              <section className="card">
                <RunLegend />
                <EpochCharts />
                <BatchChart />
              </section>
            </PanelBoundary>
            <PanelBoundary name="Compare">
              <ComparePanel />
            </PanelBoundary>
            <PanelBoundary name="Training health">
              <InsightPanel />
            </PanelBoundary>
            <PanelBoundary name="Epochs and runs">
              <section className="card">
                <h2>Epochs</h2>
                <EpochTable />
                <h2>Runs</h2>
                <RunList />
              </section>
            </PanelBoundary>
            <PanelBoundary name="Evaluation">
              <EvaluatePanel />
            </PanelBoundary>
          </section>
          <aside className="col side" aria-label="Use the model">
            <h2 className="section-title">Use the model</h2>
            <PanelBoundary name="Drawing">
              <DrawPad />
            </PanelBoundary>
            <PanelBoundary name="Image">
              <ImagePanel />
            </PanelBoundary>
            <PanelBoundary name="Inside a prediction">
              <ActivationsPanel />
            </PanelBoundary>
          </aside>
        </main>
        <UndoToast />
      </SettingsLock>
    </div>
  );
}
