/** The userfaultfd pane: each uffd, its ranges and queue, and one lane per thread. */
import { useEffect, useMemo, useRef } from 'react';
import { adaptUffd } from '../../views/adapt';
import { renderUffd } from '../../views/uffd';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useStepDuration, useViewInputs } from './paneHooks';

export function UffdPane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const durationFor = useStepDuration();
  const model = useMemo(() => adaptUffd(v.sim, v.timeline), [v.sim, v.timeline]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || size.width === 0) return;
    renderUffd(svg, model, {
      width: size.width,
      height: size.height,
      theme: v.theme,
      selection: v.selection,
      hover: v.hover,
      durationMs: durationFor(v.revision),
      effects: v.effects,
      onSelect: v.select,
      onHover: v.setHover,
    });
  }, [model, size, v, durationFor]);

  const blocked = model.threads.filter((t) => t.state === 'blocked').length;
  const queued = model.contexts.reduce((s, c) => s + c.queue.length, 0);
  const status =
    v.sim === null
      ? 'no run'
      : model.contexts.length === 0
        ? 'no userfaultfd'
        : `${model.contexts.length} uffd · ${queued} queued · ${blocked} blocked`;
  return (
    <PaneFrame label="Userfaultfd" status={status} bodyRef={bodyRef}>
      <svg ref={svgRef} />
    </PaneFrame>
  );
}
