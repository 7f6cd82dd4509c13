/**
 * The inspector: everything about the selected VMA, entry, frame, table, uffd or thread, as
 * key/value rows with exact values (kernel names for flags, hex and decimal on hover). Plain HTML
 * (a definition table), since it is text that people select and copy.
 */
import * as d3 from 'd3';
import type { Selection as StoreSelection, Theme } from '../store/types';
import { MONO } from './common';
import type { InspectorModel, InspectorRow } from './models';
import { cssVar } from './palette';

export interface InspectorOptions {
  readonly theme: Theme;
  readonly onSelect?: (s: StoreSelection | null) => void;
  readonly onHover?: (s: StoreSelection | null) => void;
}

export function renderInspector(
  root: HTMLElement,
  model: InspectorModel | null,
  opts: InspectorOptions,
): void {
  const r = d3.select(root);
  r.style('font-family', MONO).style('font-size', '11px').style('color', cssVar('fg'));
  r.selectAll('*').remove();
  if (model === null) {
    r.append('p')
      .style('margin', '8px 10px')
      .style('color', cssVar('muted'))
      .text('Select a VMA, a page-table entry, a frame, a uffd or a thread to see it here.');
    return;
  }
  const head = r.append('div').attr('class', 'inspector-head').style('padding', '6px 10px 4px');
  const title = head.append('div').style('font-weight', '700').style('font-size', '12px');
  if (model.color !== null) swatch(title, model.color);
  title.append('span').text(model.title);
  head.append('div').style('color', cssVar('muted')).text(model.subtitle);

  for (const section of model.sections) {
    const table = r
      .append('table')
      .style('border-collapse', 'collapse')
      .style('margin', '2px 10px 6px')
      .style('width', 'calc(100% - 20px)');
    table
      .append('caption')
      .style('text-align', 'left')
      .style('color', cssVar('muted'))
      .style('padding', '4px 0 2px')
      .style('border-bottom', `1px solid ${cssVar('grid')}`)
      .text(section.title);
    const rows = table
      .append('tbody')
      .selectAll<HTMLTableRowElement, InspectorRow>('tr')
      .data(section.rows)
      .join('tr');
    rows
      .append('th')
      .attr('scope', 'row')
      .style('text-align', 'left')
      .style('font-weight', '400')
      .style('color', cssVar('muted'))
      .style('padding', '1px 12px 1px 0')
      .style('width', '96px')
      .style('white-space', 'nowrap')
      .style('vertical-align', 'top')
      .text((d) => d.key);
    const td = rows
      .append('td')
      .style('padding', '1px 0')
      .style('word-break', 'break-word')
      .attr('title', (d) => d.exact ?? d.value);
    td.each(function (d) {
      const cell = d3.select(this);
      if (d.color !== undefined) swatch(cell, d.color);
      if (d.link !== undefined) {
        const link = d.link;
        cell
          .append('a')
          .attr('href', '#')
          .style('color', 'inherit')
          .text(d.value)
          .on('click', (event: MouseEvent) => {
            event.preventDefault();
            opts.onSelect?.(link);
          })
          .on('mouseenter', () => opts.onHover?.(link))
          .on('mouseleave', () => opts.onHover?.(null));
      } else {
        cell.append('span').text(d.value);
      }
    });
  }
}

function swatch<E extends d3.BaseType>(
  sel: d3.Selection<E, unknown, null, undefined>,
  color: string,
): void {
  sel
    .append('span')
    .attr('aria-hidden', 'true')
    .style('display', 'inline-block')
    .style('width', '9px')
    .style('height', '9px')
    .style('margin-right', '6px')
    .style('vertical-align', '-1px')
    .style('background', color);
}
