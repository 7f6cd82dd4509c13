/**
 * The views: the panes the views engineer delivers in `src/ui/panes/` (each a labelled
 * region), each in its own error boundary so that one failing view never blanks the others.
 * A pane that is not there yet is a placeholder with the same accessible name.
 */
import type { ComponentType } from 'react';
import { selectRevision, selectRunSource } from '../store/selectors';
import { ErrorBoundary } from './ErrorBoundary';
import { useExplorer } from './storeContext';

// Picked up by name so the shell builds whichever panes exist (eager: one bundle, no flash).
const modules = import.meta.glob<Record<string, ComponentType | undefined>>('./panes/*.tsx', {
  eager: true,
});

function pane(name: string): ComponentType | null {
  const m = modules[`./panes/${name}.tsx`];
  return m?.[name] ?? null;
}

function Placeholder(props: { label: string }) {
  return (
    <section className="pane pane-placeholder" aria-label={props.label}>
      <h2 className="pane-title">{props.label}</h2>
    </section>
  );
}

function Pane(props: { name: string; label: string; area: string }) {
  const Component = pane(props.name);
  // A new run or step retries a pane that failed: the failure may belong to one state only.
  const revision = useExplorer(selectRevision);
  const runSource = useExplorer(selectRunSource);
  return (
    <div className={`pane-slot area-${props.area}`}>
      <ErrorBoundary label={props.label} resetKey={`${runSource.length}:${revision}`}>
        {Component === null ? <Placeholder label={props.label} /> : <Component />}
      </ErrorBoundary>
    </div>
  );
}

export function Panes() {
  return (
    <div className="panes">
      <Pane name="AddressSpacePane" label="Address space" area="space" />
      <Pane name="PageTablesPane" label="Page tables" area="tables" />
      <Pane name="PhysicalMemoryPane" label="Physical memory" area="frames" />
      <Pane name="UffdPane" label="Userfaultfd" area="uffd" />
      <Pane name="InspectorPane" label="Inspector" area="inspector" />
    </div>
  );
}
