/**
 * anon_vma identity (mm/rmap.c __anon_vma_prepare, mm/vma.c find_mergeable_anon_vma). An anon_vma
 * is just a number here: two faulted anonymous VMAs merge only when their anon_vmas are equal
 * (or one has none), so which VMAs share one is what matters.
 */
import type { Mm } from './mm';
import { type Vma } from './vma';
/** anon_vma_prepare(): give v an anon_vma, reusing a compatible neighbour's (next first). */
export declare function anonVmaPrepare(mm: Mm, v: Vma): void;
