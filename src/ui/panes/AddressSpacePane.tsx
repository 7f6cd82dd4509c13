/** The address-space pane: VMAs along the axis (views/addressSpace.ts), zoomable and pannable. */
import { useEffect, useMemo, useRef } from 'react';
import { adaptAddressSpace } from '../../views/adapt';
import { renderAddressSpace, resetAddressSpaceZoom } from '../../views/addressSpace';
import { count, size as sizeText } from '../../views/format';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useStepDuration, useViewInputs } from './paneHooks';

export function AddressSpacePane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const durationFor = useStepDuration();
  const model = useMemo(() => adaptAddressSpace(v.sim, v.timeline), [v.sim, v.timeline]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || size.width === 0) return;
    renderAddressSpace(svg, model, {
      width: size.width,
      height: Math.max(150, size.height),
      theme: v.theme,
      selection: v.selection,
      hover: v.hover,
      selectionLinks: v.selectionLinks,
      hoverLinks: v.hoverLinks,
      durationMs: durationFor(v.revision),
      effects: v.effects,
      onSelect: v.select,
      onHover: v.setHover,
    });
  }, [model, size, v, durationFor]);

  const mapped = model.vmas.reduce((s, x) => s + (x.end - x.start), 0);
  const present = model.vmas.reduce((s, x) => s + x.present, 0);
  const status =
    v.sim === null
      ? 'no run'
      : `${count(model.vmas.length)} VMA${model.vmas.length === 1 ? '' : 's'} · ${sizeText(mapped)} mapped · ${count(present)} pages present`;
  return (
    <PaneFrame
      label="Address space"
      status={status}
      bodyRef={bodyRef}
      bodyClass="mm-fixed"
      actions={
        <button
          type="button"
          title="Show the whole address space (or double-click the background); wheel zooms, drag pans, double-click a VMA to zoom to it"
          onClick={() => svgRef.current && resetAddressSpaceZoom(svgRef.current)}
        >
          fit
        </button>
      }
    >
      <svg ref={svgRef} />
    </PaneFrame>
  );
}
