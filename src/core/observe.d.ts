/**
 * Observations in the shape of the transcript's raw facts (src/script/facts.ts MapsEntry and
 * PageFact, restated here because the core imports nothing above it): /proc/self/smaps and
 * /proc/self/pagemap + /proc/kpageflags as the kernel computes them (fs/proc/task_mmu.c
 * show_map_vma / show_smap_vma_flags / pagemap_pmd_range / pte_to_pagemap_entry,
 * fs/proc/page.c stable_page_flags).
 */
import type { Mm } from './mm';
export interface MapsLine {
  readonly start: bigint;
  readonly end: bigint;
  readonly perms: string;
  readonly backing:
    | {
        readonly kind: 'anon';
      }
    | {
        readonly kind: 'shared-anon';
      }
    | {
        readonly kind: 'memfd';
        readonly name: string;
        readonly offset: bigint;
      };
  readonly flags: readonly string[];
}
export type PageState =
  | {
      readonly state: 'none';
    }
  | {
      readonly state: 'present';
      readonly frame: bigint;
      readonly zero: boolean;
      readonly excl: boolean;
      readonly file: boolean;
      readonly wp: boolean;
      readonly thp: boolean;
    }
  | {
      readonly state: 'marker';
      readonly marker: 'wp' | 'poison';
    }
  | {
      readonly state: 'swap';
    };
/** Every VMA below top, as smaps lists it. */
export declare function mapsLines(mm: Mm): MapsLine[];
/** The pagemap state of the page at addr (page-aligned number). */
export declare function pageState(mm: Mm, addr: number): PageState;
export declare const PAGEMAP_MAX_PAGES: number;
/** Pages overlapping [addr, addr + len) as the oracle walks them; null when too many. */
export declare function pagemapRanges(
  mm: Mm,
  ranges: ReadonlyArray<readonly [bigint, bigint]>,
): PageState[] | null;
