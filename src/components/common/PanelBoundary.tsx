import { Component, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorMessage';
import { faults } from './faults';

/** Throws during render when a test asked this panel to fail (see faults.ts); renders nothing otherwise. */
function Tripwire({ name }: { name: string }) {
  if (faults().renderError === name) throw new Error(`test fault in ${name}`);
  return null;
}

interface Props {
  /** The panel's name as the person sees it, e.g. "Charts". */
  name: string;
  children: ReactNode;
}

/**
 * Keeps a render error inside one panel: the panel shows what happened and a way to try again,
 * the rest of the page keeps working, and the store (runs, settings) is untouched. Written by hand:
 * React's only way is a class with getDerivedStateFromError, and react-error-boundary would add a
 * production dependency for these few lines.
 */
export class PanelBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    console.error(`The ${this.props.name} panel stopped:`, error);
  }

  render() {
    const { error } = this.state;
    if (!error)
      return (
        <>
          <Tripwire name={this.props.name} />
          {this.props.children}
        </>
      );
    return (
      <section className="card" data-testid="panel.error" data-panel={this.props.name}>
        <ErrorMessage>
          {`The ${this.props.name} panel stopped (${error.message}). The rest of the page works, and your runs and settings are kept.`}
        </ErrorMessage>
        <button type="button" data-testid="panel.retry" onClick={() => this.setState({ error: null })}>
          Show it again
        </button>
      </section>
    );
  }
}
