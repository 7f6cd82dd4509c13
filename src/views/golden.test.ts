// @vitest-environment jsdom
/**
 * Golden snapshots of every renderer on fixed models (like Observable Plot's snapshot tests):
 * each renders at durationMs 0 into a fresh root and the markup is compared with
 * `src/views/golden/<name>.svg` (or `.html`). `UPDATE_GOLDEN=1 npx vitest run src/views`
 * rewrites them; review the diff (and open the SVGs) before committing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderAddressSpace } from './addressSpace';
import {
  dontunmapAddressSpace,
  dontunmapEffects,
  gigAddressSpace,
  gigMoveEffects,
} from './fixtures';
import type { ViewOptions } from './models';

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
