/**
 * Development harness: every renderer on the fixtures, with buttons that replay a step's
 * animation. Served by `npx vite` at /src/views/dev/harness.html; not part of the app.
 */
import type { Effect } from '../../core/effects';
import type { Selection, Theme } from '../../store/types';
import { renderAddressSpace } from '../addressSpace';
import { renderPageTables } from '../pageTables';
import { renderPhysicalMemory } from '../physicalMemory';
import { renderUffd } from '../uffd';
import { renderInspector } from '../inspector';
import * as fx from '../fixtures';
import type { ViewOptions } from '../models';
import { cssVariables } from '../palette';

let theme: Theme = (new URLSearchParams(location.search).get('theme') as Theme | null) ?? 'light';
let selection: Selection | null = null;
let hover: Selection | null = null;

function section(label: string, height: number): SVGSVGElement {
  const views = document.getElementById('views')!;
  const sec = document.createElement('section');
  sec.setAttribute('aria-label', label);
  const h = document.createElement('h2');
  h.textContent = label;
  sec.appendChild(h);
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.dataset['height'] = String(height);
  sec.appendChild(svg);
  views.appendChild(sec);
  return svg;
}

function button(text: string, fn: () => void): void {
  const b = document.createElement('button');
  b.textContent = text;
  b.onclick = fn;
  document.getElementById('controls')!.appendChild(b);
}

const as1 = section('Address space (DONTUNMAP memfd)', 170);
const as2 = section('Address space (1 GiB)', 170);
const pt1 = section('Page tables (small)', 300);
const pt2 = section('Page tables (1 GiB)', 300);
const pt3 = section('Page tables (narrow)', 300);
const pm1 = section('Physical memory (small)', 120);
const pm2 = section('Physical memory (1 GiB)', 120);
const uf1 = section('Userfaultfd', 120);
const uf2 = section('Userfaultfd (none)', 60);
const insp = document.createElement('section');
insp.setAttribute('aria-label', 'Inspector');
document.getElementById('views')!.appendChild(insp);

function opts(root: SVGSVGElement, effects: readonly Effect[], durationMs: number): ViewOptions {
  return {
    width: Math.max(300, Math.min(1200, window.innerWidth - 40)),
    height: Number(root.dataset['height']),
    theme,
    selection,
    hover,
    durationMs,
    effects,
    onSelect: (s) => {
      selection = s;
      renderAll(0);
    },
    onHover: (s) => {
      hover = s;
      renderAll(0);
    },
  };
}

const lastEffects: { as1: Effect[]; as2: Effect[] } = {
  as1: fx.dontunmapEffects(),
  as2: fx.gigMoveEffects('pte'),
};

function applyTheme(): void {
  for (const [k, v] of Object.entries(cssVariables(theme)))
    document.documentElement.style.setProperty(k, v);
}

function renderAll(durationMs: number): void {
  applyTheme();
  renderAddressSpace(as1, fx.dontunmapAddressSpace(), opts(as1, lastEffects.as1, durationMs));
  renderAddressSpace(as2, fx.gigAddressSpace(), opts(as2, lastEffects.as2, durationMs));
  renderPageTables(pt1, fx.smallPageTables(), opts(pt1, [], durationMs));
  renderPageTables(pt2, ptAfter, opts(pt2, lastEffects.as2, durationMs));
  renderPageTables(pt3, ptAfter, { ...opts(pt3, lastEffects.as2, durationMs), width: 460 });
  renderPhysicalMemory(pm1, fx.smallPhysical(), opts(pm1, [], durationMs));
  renderPhysicalMemory(pm2, fx.bigPhysical(), opts(pm2, [], durationMs));
  renderUffd(uf1, fx.uffdModel(), opts(uf1, [], durationMs));
  renderUffd(uf2, fx.emptyUffdModel(), opts(uf2, [], durationMs));
  renderInspector(insp, fx.vmaInspector(), { theme });
}

button('theme', () => {
  theme = theme === 'light' ? 'dark' : 'light';
  renderAll(0);
});
button('replay DONTUNMAP', () => {
  // Render the before state, then the after state animated.
  const before = fx.dontunmapAddressSpace();
  const heap = fx.TOP - 0x4000;
  const src = before.vmas.find((v) => v.id === 1)!;
  const pre = {
    ...before,
    vmas: [
      before.vmas[0]!,
      {
        ...src,
        dontunmap: null,
        present: 4,
        runs: before.vmas[1]!.runs.map((r) => ({ ...r, start: heap })),
      },
    ],
  };
  renderAddressSpace(as1, pre, opts(as1, [], 0));
  lastEffects.as1 = fx.dontunmapEffects();
  renderAddressSpace(as1, fx.dontunmapAddressSpace(), opts(as1, lastEffects.as1, 800));
});
for (const level of ['pte', 'pmd', 'pud'] as const) {
  button(`replay 1G ${level}`, () => {
    const before = fx.gigAddressSpace();
    renderAddressSpace(as2, before, opts(as2, [], 0));
    const v = before.vmas[0]!;
    const d = 0x40000000;
    const after = {
      ...before,
      vmas: [
        {
          ...v,
          id: 9,
          start: v.start + d,
          end: v.end + d,
          runs: v.runs.map((r) => ({ ...r, start: r.start + d })),
        },
      ],
    };
    const effects: Effect[] = [
      {
        type: 'vma.move',
        before: {
          id: 3,
          start: v.start,
          end: v.end,
          flags: 0,
          backing: { kind: 'anon' },
          pgoff: 0,
        },
        after: {
          id: 9,
          start: v.start + d,
          end: v.end + d,
          flags: 0,
          backing: { kind: 'anon' },
          pgoff: 0,
        },
      } as unknown as Effect,
      ...fx.gigMoveEffects(level),
    ];
    lastEffects.as2 = effects;
    renderAddressSpace(as2, after, opts(as2, effects, 800));
    renderPageTables(pt2, fx.gigPageTables(undefined, 2), opts(pt2, [], 0));
    ptAfter = fx.gigPageTablesAfter(level);
    renderPageTables(pt2, ptAfter, opts(pt2, effects, 1600));
    renderPageTables(pt3, fx.gigPageTables(undefined, 2), { ...opts(pt3, [], 0), width: 460 });
    renderPageTables(pt3, ptAfter, { ...opts(pt3, effects, 1600), width: 460 });
  });
}
let ptAfter = fx.gigPageTables();
window.addEventListener('resize', () => renderAll(0));
renderAll(0);
