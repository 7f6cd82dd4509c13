/**
 * The views: the panes of `src/ui/panes/` (each a labelled region), each in its own error
 * boundary so that one failing view never blanks the others or the script column.
 */
import type { ComponentType } from 'react';
import { selectRevision, selectRunSource } from '../store/selectors';
import { ErrorBoundary } from './ErrorBoundary';
import { AddressSpacePane } from './panes/AddressSpacePane';
import { InspectorPane } from './panes/InspectorPane';
import { PageTablesPane } from './panes/PageTablesPane';
import { PhysicalMemoryPane } from './panes/PhysicalMemoryPane';
import { UffdPane } from './panes/UffdPane';
import { useExplorer } from './storeContext';

function Pane(props: { component: ComponentType; label: string; area: string }) {
  // A new run or step retries a pane that failed: the failure may belong to one state only.
  const revision = useExplorer(selectRevision);
  const runSource = useExplorer(selectRunSource);
  const Component = props.component;
  return (
    <div className={`pane-slot area-${props.area}`}>
      <ErrorBoundary label={props.label} resetKey={`${runSource.length}:${revision}`}>
        <Component />
      </ErrorBoundary>
    </div>
  );
}

export function Panes() {
  return (
    <div className="panes">
      <Pane component={AddressSpacePane} label="Address space" area="space" />
      <Pane component={PageTablesPane} label="Page tables" area="tables" />
      <Pane component={PhysicalMemoryPane} label="Physical memory" area="frames" />
      <Pane component={UffdPane} label="Userfaultfd" area="uffd" />
      <Pane component={InspectorPane} label="Inspector" area="inspector" />
    </div>
  );
}
