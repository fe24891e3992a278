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
import { LayerEditor } from './editor/LayerEditor';
import { ModelPanel } from './setup/ModelPanel';
import { RunList } from './runs/RunList';
import { SettingsLock } from './training/SettingsLock';
import { SweepPanel } from './runs/SweepPanel';
import { ShareLink } from './runs/ShareLink';
import { StartupNotice } from './common/StartupNotice';
import { RunLegend } from './charts/RunLegend';
import { TrainControls } from './training/TrainControls';

/** Page layout: set-up on the left, training and charts in the middle, the drawing pad on the right, the layer editor below. */
export function App() {
  return (
    <div className="app">
      <header className="header">
        <h1>Neural Network Playground</h1>
        <div className="header-row">
          <p className="muted">
            Train small vision networks on real data, right in your browser. Flip one knob, train again, compare.
          </p>
          <ShareLink />
        </div>
        <StartupNotice />
      </header>
      <SettingsLock>
        <main className="layout">
          <aside className="col setup">
            <DatasetPanel />
            <ModelPanel />
            <HyperParams />
            <DataOptions />
            <SweepPanel />
            <BackendPanel />
          </aside>
          <section className="col center">
            <TrainControls />
            <section className="card">
              <RunLegend />
              <EpochCharts />
              <BatchChart />
            </section>
            <ComparePanel />
            <section className="card">
              <h2>Epochs</h2>
              <EpochTable />
              <h2>Runs</h2>
              <RunList />
            </section>
            <EvaluatePanel />
          </section>
          <aside className="col side">
            <DrawPad />
            <ImagePanel />
          </aside>
        </main>
        <LayerEditor />
      </SettingsLock>
    </div>
  );
}
