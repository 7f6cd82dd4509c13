/**
 * Catches a render error in one part of the page and shows it in place, so a bad script or a
 * view bug never blanks the explorer. It retries when `resetKey` changes (a new run or step).
 */
import { Component, type ReactNode } from 'react';

interface Props {
  readonly label: string;
  readonly resetKey?: string;
  readonly children?: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly key: string | undefined;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    if (props.resetKey !== state.key) return { error: null, key: props.resetKey };
    return null;
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <section className="pane pane-error" aria-label={this.props.label} role="region">
        <h2 className="pane-title">{this.props.label}</h2>
        <p className="mono" role="alert">
          This view failed: {error.message}
        </p>
        <button type="button" className="text-btn" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </section>
    );
  }
}
