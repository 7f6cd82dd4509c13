// @vitest-environment jsdom
/**
 * Golden snapshots of every renderer on fixed models (like Observable Plot's snapshot tests):
 * each renders at durationMs 0 into a fresh root and the markup is compared with
 * `src/views/golden/<name>.svg` (`.html.snap` for HTML, which prettier would otherwise reformat). `UPDATE_GOLDEN=1 npx vitest run src/views`
 * rewrites them; review the diff (and open the SVGs) before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAddressSpace } from './addressSpace';
import {
  bigPhysical,
  dontunmapAddressSpace,
  dontunmapEffects,
  emptyUffdModel,
  gigAddressSpace,
  gigMoveEffects,
  gigPageTables,
  gigPageTablesAfter,
  smallPageTables,
  smallPhysical,
  uffdModel,
  vmaInspector,
} from './fixtures';
import { renderInspector } from './inspector';
import type { ViewOptions } from './models';
import { renderPageTables } from './pageTables';
import { renderPhysicalMemory } from './physicalMemory';
import { renderUffd } from './uffd';

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden');

/** Compare `markup` with the golden file, or rewrite it when UPDATE_GOLDEN=1. */
function golden(name: string, markup: string): void {
  const file = join(GOLDEN_DIR, name);
  const text = pretty(markup);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
    if (process.env.UPDATE_GOLDEN !== '1') throw new Error(`wrote missing golden ${name}`);
    return;
  }
  expect(text).toBe(readFileSync(file, 'utf8'));
}

/** One tag per line, so a golden diff points at the element that changed. */
function pretty(markup: string): string {
  return markup.replace(/></g, '>\n<') + '\n';
}

function svgRoot(): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  document.body.appendChild(svg);
  return svg;
}

function opts(p: Partial<ViewOptions> = {}): ViewOptions {
  return {
    width: 900,
    height: 170,
    theme: 'light',
    selection: null,
    hover: null,
    durationMs: 0,
    effects: [],
    ...p,
  };
}

describe('address space', () => {
  it('draws a memfd after MREMAP_DONTUNMAP', () => {
    const root = svgRoot();
    renderAddressSpace(
      root,
      dontunmapAddressSpace(),
      opts({ effects: dontunmapEffects(), selection: { kind: 'vma', id: 1 } }),
    );
    golden('address-space-dontunmap.svg', root.outerHTML);
  });

  it('draws a populated GiB after a PUD-level move', () => {
    const root = svgRoot();
    renderAddressSpace(root, gigAddressSpace(), opts({ effects: gigMoveEffects('pud') }));
    golden('address-space-gig.svg', root.outerHTML);
  });
});

describe('page tables', () => {
  it('draws PGD, PUD, PMD and PTE tables with entry states', () => {
    const root = svgRoot();
    renderPageTables(
      root,
      smallPageTables(),
      opts({ height: 300, selection: { kind: 'page', addr: 0x7f3fffffc000 } }),
    );
    golden('page-tables-small.svg', root.outerHTML);
  });

  it('summarizes a populated GiB in its PMD table', () => {
    const root = svgRoot();
    renderPageTables(root, gigPageTables(), opts({ height: 300 }));
    golden('page-tables-gig.svg', root.outerHTML);
  });

  for (const level of ['pte', 'pmd', 'pud'] as const) {
    it(`shows what a ${level.toUpperCase()}-level move of a GiB freed or carried`, () => {
      const root = svgRoot();
      renderPageTables(
        root,
        gigPageTablesAfter(level),
        opts({ height: 300, effects: gigMoveEffects(level) }),
      );
      golden(`page-tables-gig-moved-${level}.svg`, root.outerHTML);
    });
  }
});

describe('page tables in a narrow pane', () => {
  it('stacks the levels in bands, two tables to a line', () => {
    const root = svgRoot();
    renderPageTables(
      root,
      gigPageTablesAfter('pmd'),
      opts({ width: 420, height: 300, effects: gigMoveEffects('pmd') }),
    );
    golden('page-tables-narrow.svg', root.outerHTML);
  });

  it('uses flat 64 x 8 tables when two do not fit', () => {
    const root = svgRoot();
    renderPageTables(root, smallPageTables(), opts({ width: 280, height: 300 }));
    golden('page-tables-very-narrow.svg', root.outerHTML);
  });
});

describe('physical memory', () => {
  it('draws the zero page, anonymous frames and a page cache that outlived its mapping', () => {
    const root = svgRoot();
    renderPhysicalMemory(root, smallPhysical(), opts({ selection: { kind: 'frame', pfn: 0x43 } }));
    golden('physical-small.svg', root.outerHTML);
  });

  it('aggregates 262,144 frames', () => {
    const root = svgRoot();
    renderPhysicalMemory(root, bigPhysical(), opts());
    golden('physical-gig.svg', root.outerHTML);
  });
});

describe('userfaultfd', () => {
  it('draws a uffd, its queue and blocked threads', () => {
    const root = svgRoot();
    renderUffd(root, uffdModel(), opts({ height: 140 }));
    golden('uffd.svg', root.outerHTML);
  });

  it('says "no userfaultfd" when there is none', () => {
    const root = svgRoot();
    renderUffd(root, emptyUffdModel(), opts({ height: 60 }));
    expect(root.textContent).toContain('no userfaultfd');
    golden('uffd-none.svg', root.outerHTML);
  });
});

describe('inspector', () => {
  it('lists a VMA with exact values', () => {
    const root = document.createElement('div');
    renderInspector(root, vmaInspector(), { theme: 'light' });
    golden('inspector-vma.html.snap', root.outerHTML);
  });

  it('asks for a selection when there is none', () => {
    const root = document.createElement('div');
    renderInspector(root, null, { theme: 'light' });
    expect(root.textContent).toContain('Select');
  });
});
