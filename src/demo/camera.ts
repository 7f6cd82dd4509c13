/**
 * The camera: which part of the address space the Address space pane shows (d3-zoom). Views
 * keep it private, so it is read from what the view draws (the overview's visible-window
 * rectangle carries a `visible: [0x..., 0x...)` title) and set with the view's own exported
 * `zoomTo` / `resetAddressSpaceZoom`. Only the DOM-facing code lives here; the recorder and the
 * player take a `CameraIo`, so that tests run without a browser.
 */
import { resetAddressSpaceZoom, zoomTo } from '../views/addressSpace';
import type { Camera } from './format';

export interface CameraIo {
  read(): Camera | null;
  write(camera: Camera): void;
}

/** The pane's svg: the first svg in the region labelled "Address space". */
function addressSpaceSvg(root: ParentNode): SVGSVGElement | null {
  return root.querySelector<SVGSVGElement>('[aria-label="Address space"] svg');
}

const VISIBLE = /visible: \[0x([0-9a-f.]+), 0x([0-9a-f.]+)\)/;
/** zoomTo() pads the range by 4% of its length on each side. */
const PAD = 0.04;
/** Whole-address-space view (no zoom): the visible window covers [0, 2^47). */
const FULL_START = 4096;

export function domCamera(root: ParentNode = document): CameraIo {
  return {
    read() {
      const svg = addressSpaceSvg(root);
      if (svg === null) return null;
      for (const t of svg.querySelectorAll('title')) {
        const m = VISIBLE.exec(t.textContent ?? '');
        if (m === null) continue;
        const a0 = parseInt(m[1]!, 16);
        const a1 = parseInt(m[2]!, 16);
        if (!(a1 > a0)) return null;
        // The unzoomed view starts at 0 and ends at the top of the user address space.
        if (a0 < FULL_START && a1 >= 2 ** 47 - 4096) return { pane: 'address-space', range: null };
        // The title rounds the end down to a page: take the middle of that page, so that
        // writing the camera back shows the same title.
        return { pane: 'address-space', range: [a0, a1 + 2048] };
      }
      return null;
    },
    write(camera) {
      const svg = addressSpaceSvg(root);
      if (svg === null) return;
      if (camera.range === null) {
        resetAddressSpaceZoom(svg);
        return;
      }
      const [a0, a1] = camera.range;
      // Undo zoomTo's padding so that the view shows exactly [a0, a1).
      const len = (a1 - a0) / (1 + 2 * PAD);
      zoomTo(svg, undefined, a0 + PAD * len, a0 + PAD * len + len);
    },
  };
}

/** Two cameras show the same thing (within a pixel's worth of address on a 4K screen). */
export function sameCamera(a: Camera | null, b: Camera | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.range === null || b.range === null) return a.range === b.range;
  const tol = Math.max(1, (a.range[1] - a.range[0]) / 4000);
  return Math.abs(a.range[0] - b.range[0]) <= tol && Math.abs(a.range[1] - b.range[1]) <= tol;
}
