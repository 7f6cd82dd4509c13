/** The address-space pane: VMAs along the axis (views/addressSpace.ts), zoomable and pannable. */
import { useMemo, useRef } from 'react';
import { adaptAddressSpace } from '../../views/adapt';
import {
  highlightAddressSpace,
  renderAddressSpace,
  resetAddressSpaceZoom,
} from '../../views/addressSpace';
import { count, size as sizeText } from '../../views/format';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useSvgView, useViewInputs } from './paneHooks';

export function AddressSpacePane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const model = useMemo(() => adaptAddressSpace(v.sim, v.timeline), [v.sim, v.timeline]);

  useSvgView(
    svgRef,
    model,
    v,
    size.width,
    Math.max(150, size.height),
    renderAddressSpace,
    highlightAddressSpace,
  );

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
