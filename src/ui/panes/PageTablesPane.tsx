/** The page-table pane: PGD -> PUD -> PMD -> PTE for the selection or the step's range. */
import { useMemo, useRef } from 'react';
import { adaptPageTables } from '../../views/adapt';
import { count } from '../../views/format';
import { highlightPageTables, renderPageTables } from '../../views/pageTables';
import { PaneFrame } from './PaneFrame';
import { useElementSize, useSvgView, useViewInputs } from './paneHooks';

export function PageTablesPane() {
  const v = useViewInputs();
  const [bodyRef, size] = useElementSize<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement>(null);
  // The tables drawn follow the selection (not the hover: the layout would jump under the
  // pointer) and, without one, the range the step changed.
  const model = useMemo(
    () => adaptPageTables(v.sim, { selection: v.selection, effects: v.effects }),
    [v.sim, v.selection, v.effects],
  );

  useSvgView(svgRef, model, v, size.width, size.height, renderPageTables, highlightPageTables);

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
