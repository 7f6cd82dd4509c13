/**
 * The frame every pane shares: a labelled region with a one-line header (title, a status in
 * monospace, optional actions) over a body the view fills.
 */
import type { ReactNode, Ref } from 'react';
import './panes.css';

export function PaneFrame(props: {
  label: string;
  status?: ReactNode;
  actions?: ReactNode;
  bodyRef: Ref<HTMLDivElement>;
  bodyClass?: string;
  children?: ReactNode;
}) {
  return (
    <section aria-label={props.label} className="mm-pane">
      <header className="mm-pane-head">
        <h2 className="pane-title">{props.label}</h2>
        <span className="mm-pane-status">{props.status}</span>
        {props.actions !== undefined && <span className="mm-pane-actions">{props.actions}</span>}
      </header>
      <div
        className={props.bodyClass ? `mm-pane-body ${props.bodyClass}` : 'mm-pane-body'}
        ref={props.bodyRef}
      >
        {props.children}
      </div>
    </section>
  );
}
