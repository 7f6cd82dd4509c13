/**
 * anon_vma identity (mm/rmap.c __anon_vma_prepare, mm/vma.c find_mergeable_anon_vma). An anon_vma
 * is just a number here: two faulted anonymous VMAs merge only when their anon_vmas are equal
 * (or one has none), so which VMAs share one is what matters.
 */
import type { Mm } from './mm';
import { PAGE_SIZE } from './addr';
import { VM_ACCESS_FLAGS, type Vma, findVmaIndex } from './vma';

/** anon_vma_compatible(a, b): a directly precedes b and could share b's anon_vma. */
function anonVmaCompatible(a: Vma, b: Vma): boolean {
  return (
    a.end === b.start &&
    a.file === b.file &&
    ((a.flags ^ b.flags) & ~VM_ACCESS_FLAGS) === 0 &&
    b.pgoff === a.pgoff + (b.start - a.start) / PAGE_SIZE
  );
}

/** anon_vma_prepare(): give v an anon_vma, reusing a compatible neighbour's (next first). */
export function anonVmaPrepare(mm: Mm, v: Vma): void {
  if (v.anonVma !== 0) return;
  const i = findVmaIndex(mm, v.start);
  const next = mm.vmas[i + 1];
  if (next !== undefined && next.anonVma !== 0 && !next.runtime && anonVmaCompatible(v, next)) {
    v.anonVma = next.anonVma;
    return;
  }
  const prev = mm.vmas[i - 1];
  if (prev !== undefined && prev.anonVma !== 0 && anonVmaCompatible(prev, v)) {
    v.anonVma = prev.anonVma;
    return;
  }
  v.anonVma = mm.newAnonVmaId();
}
