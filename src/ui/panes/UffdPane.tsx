/** The userfaultfd pane: each uffd, its ranges and queue, and one lane per thread. */
import { useMemo, useRef } from 'react';
import { adaptUffd } from '../../views/adapt';
import { highlightUffd, renderUffd } from '../../views/uffd';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useSvgView, useViewInputs } from './paneHooks';

export function UffdPane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const model = useMemo(() => adaptUffd(v.sim, v.timeline), [v.sim, v.timeline]);

  useSvgView(svgRef, model, v, size.width, size.height, renderUffd, highlightUffd);

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
