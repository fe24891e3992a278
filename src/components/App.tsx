import { BackendPanel } from './BackendPanel';
import { BatchChart } from './BatchChart';
import { ComparePanel } from './ComparePanel';
import { DataOptions } from './DataOptions';
import { DatasetPanel } from './DatasetPanel';
import { DrawPad } from './DrawPad';
import { ImagePanel } from './ImagePanel';
import { EpochCharts } from './EpochCharts';
import { EpochTable } from './EpochTable';
import { EvaluatePanel } from './EvaluatePanel';
import { HyperParams } from './HyperParams';
import { LayerEditor } from './editor/LayerEditor';
import { ModelPanel } from './ModelPanel';
import { RunList } from './RunList';
import { SettingsLock } from './SettingsLock';
import { SweepPanel } from './SweepPanel';
import { ShareLink } from './ShareLink';
import { StartupNotice } from './StartupNotice';
import { RunLegend } from './RunLegend';
import { TrainControls } from './TrainControls';

/** Page layout: set-up on the left, training and charts in the middle, the drawing pad on the right, the layer editor below. */
export function App() {
  return (
    <div className="app">
      <header className="header">
        <h1>Neural Network Playground</h1>
        <div className="header-row">
          <p className="muted">Train small vision networks on real data, right in your browser. Flip one knob, train again, compare.</p>
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
