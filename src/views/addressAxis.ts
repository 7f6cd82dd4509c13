/**
 * The address axis of the address-space view: piecewise linear, with every empty gap collapsed
 * to a fixed width and every VMA given a width that grows with the log of its size. A linear
 * axis over 128 TiB would draw a 16 KiB VMA as a billionth of a pixel; a log axis would make
 * page positions meaningless. Piecewise linear keeps both: within a segment addresses are
 * linear (so pages line up when zoomed), while segments stay visible at any size.
 */
import { PAGE_SIZE } from '../core/addr';

/** One past the highest user address: TASK_SIZE + PAGE_SIZE = 2^47 (128 TiB). */
export const ADDRESS_LIMIT = 2 ** 47;

export type SegmentKind = 'vma' | 'gap' | 'runtime';

export interface Segment {
  readonly kind: SegmentKind;
  readonly start: number;
  readonly end: number;
  /** VMA id for `vma` segments, -1 otherwise. */
  readonly id: number;
  /** Position on the abstract axis: [u0, u1). */
  readonly u0: number;
  readonly u1: number;
}

export interface AddressAxis {
  readonly segments: readonly Segment[];
  /** Total abstract width. */
  readonly total: number;
  /** Address -> abstract position. */
  toU(addr: number): number;
  /** Abstract position -> address (page-aligned down). */
  toAddr(u: number): number;
}

/** Width of a collapsed gap, in units of a one-page VMA's width. */
const GAP_WEIGHT = 2.4;
const RUNTIME_WEIGHT = 3;

function vmaWeight(bytes: number): number {
  return 2 + Math.log2(Math.max(1, bytes / PAGE_SIZE));
}

export function buildAxis(
  vmas: readonly { readonly id: number; readonly start: number; readonly end: number }[],
  top: number,
): AddressAxis {
  const segments: Segment[] = [];
  let u = 0;
  let cursor = 0;
  const push = (kind: SegmentKind, start: number, end: number, id: number, w: number): void => {
    segments.push({ kind, start, end, id, u0: u, u1: u + w });
    u += w;
  };
  const sorted = [...vmas].filter((v) => v.start < top).sort((a, b) => a.start - b.start);
  for (const v of sorted) {
    if (v.start > cursor) push('gap', cursor, v.start, -1, GAP_WEIGHT);
    const end = Math.min(v.end, top);
    push('vma', v.start, end, v.id, vmaWeight(end - v.start));
    cursor = end;
  }
  if (top > cursor) push('gap', cursor, top, -1, GAP_WEIGHT);
  if (ADDRESS_LIMIT > top) push('runtime', top, ADDRESS_LIMIT, -1, RUNTIME_WEIGHT);
  const total = u;

  const find = (pred: (s: Segment) => boolean): Segment | undefined => {
    let lo = 0;
    let hi = segments.length - 1;
    let best: Segment | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = segments[mid]!;
      if (pred(s)) {
        best = s;
        hi = mid - 1;
      } else lo = mid + 1;
    }
    return best;
  };

  return {
    segments,
    total,
    toU(addr: number): number {
      if (addr <= 0) return 0;
      if (addr >= ADDRESS_LIMIT) return total;
      const s = find((seg) => seg.end > addr);
      if (!s) return total;
      return s.u0 + ((addr - s.start) / (s.end - s.start)) * (s.u1 - s.u0);
    },
    toAddr(pos: number): number {
      if (pos <= 0) return 0;
      if (pos >= total) return ADDRESS_LIMIT;
      const s = find((seg) => seg.u1 > pos);
      if (!s) return ADDRESS_LIMIT;
      const a = s.start + ((pos - s.u0) / (s.u1 - s.u0)) * (s.end - s.start);
      return Math.floor(a / PAGE_SIZE) * PAGE_SIZE;
    },
  };
}
