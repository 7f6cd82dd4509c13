/** The physical-memory pane: the zero page, anonymous frames and each page cache. */
import { useMemo, useRef } from 'react';
import { adaptPhysical } from '../../views/adapt';
import { highlightPhysicalMemory, renderPhysicalMemory } from '../../views/physicalMemory';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useSvgView, useViewInputs } from './paneHooks';

export function PhysicalMemoryPane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const model = useMemo(() => adaptPhysical(v.sim), [v.sim]);

  useSvgView(
    svgRef,
    model,
    v,
    size.width,
    size.height,
    renderPhysicalMemory,
    highlightPhysicalMemory,
  );

  const groups = model.groups.filter((g) => g.kind === 'cache').length;
  const status = v.sim === null ? 'no run' : `${groups} page cache${groups === 1 ? '' : 's'}`;
  return (
    <PaneFrame label="Physical memory" status={status} bodyRef={bodyRef}>
      <svg ref={svgRef} />
    </PaneFrame>
  );
}
