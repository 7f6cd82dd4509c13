/** The physical-memory pane: the zero page, anonymous frames and each page cache. */
import { useEffect, useMemo, useRef } from 'react';
import { adaptPhysical } from '../../views/adapt';
import { renderPhysicalMemory } from '../../views/physicalMemory';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useStepDuration, useViewInputs } from './paneHooks';

export function PhysicalMemoryPane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const durationFor = useStepDuration();
  const model = useMemo(() => adaptPhysical(v.sim), [v.sim]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || size.width === 0) return;
    renderPhysicalMemory(svg, model, {
      width: size.width,
      height: size.height,
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

  const groups = model.groups.filter((g) => g.kind === 'cache').length;
  const status = v.sim === null ? 'no run' : `${groups} page cache${groups === 1 ? '' : 's'}`;
  return (
    <PaneFrame label="Physical memory" status={status} bodyRef={bodyRef}>
      <svg ref={svgRef} />
    </PaneFrame>
  );
}
