/** The page-table pane: PGD -> PUD -> PMD -> PTE for the selection or the step's range. */
import { useEffect, useMemo, useRef } from 'react';
import { adaptPageTables } from '../../views/adapt';
import { count } from '../../views/format';
import { renderPageTables } from '../../views/pageTables';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useStepDuration, useViewInputs } from './paneHooks';

export function PageTablesPane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  const durationFor = useStepDuration();
  // The tables drawn follow the selection (not the hover: the layout would jump under the
  // pointer) and, without one, the range the step changed.
  const model = useMemo(
    () => adaptPageTables(v.sim, { selection: v.selection, effects: v.effects }),
    [v.sim, v.selection, v.effects],
  );

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || size.width === 0) return;
    renderPageTables(svg, model, {
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

  const t = model.totals;
  const status =
    v.sim === null
      ? 'no run'
      : `PUD ${count(t.pud)} · PMD ${count(t.pmd)} · PTE ${count(t.pte)} tables`;
  return (
    <PaneFrame label="Page tables" status={status} bodyRef={bodyRef}>
      <svg ref={svgRef} />
    </PaneFrame>
  );
}
