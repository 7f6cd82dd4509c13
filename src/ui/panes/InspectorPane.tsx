/** The inspector pane: everything about the selection (or, without one, what is hovered). */
import { useEffect, useMemo, useRef } from 'react';
import { adaptInspector } from '../../views/adapt';
import { renderInspector } from '../../views/inspector';
import { PaneFrame } from './PaneFrame';
import { useViewInputs } from './paneHooks';

export function InspectorPane() {
  const v = useViewInputs();
  const bodyRef = useRef<HTMLDivElement>(null);
  const target = v.selection ?? v.hover;
  const model = useMemo(
    () => adaptInspector(v.sim, target, v.timeline),
    [v.sim, target, v.timeline],
  );

  useEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    // Hovering a link shows its target in other panes; but while the inspector itself shows
    // the hover, that would replace the row under the pointer, so then links only select.
    const pinned = v.selection !== null;
    renderInspector(el, model, {
      theme: v.theme,
      onSelect: v.select,
      ...(pinned ? { onHover: v.setHover } : {}),
    });
  }, [model, v.theme, v.select, v.setHover, v.selection]);

  const status = v.selection === null ? (v.hover === null ? '' : 'hover') : 'selected';
  return (
    <PaneFrame
      label="Inspector"
      status={status}
      bodyRef={bodyRef}
      bodyClass="mm-inspector"
      actions={
        v.selection !== null ? (
          <button type="button" onClick={() => v.select(null)} title="Clear the selection">
            clear
          </button>
        ) : undefined
      }
    />
  );
}
