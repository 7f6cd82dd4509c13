# Shows: a THP moved to a destination that is not 2 MiB aligned is split (split_huge_pmd) and
# its PTEs move one by one; the pages stay the same compound page.
# kernel-notes "which level moves": THP split when the extent is not 2 MiB.
a = mmap(0x100000000000, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 4M, MADV_HUGEPAGE)
store(a, 2M, 'T')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000401000)
pagemap(b, 2M)
pgtables()
load(b + 1M, 4K)
