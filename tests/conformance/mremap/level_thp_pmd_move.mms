# Shows: an anonymous THP moves as one huge PMD when the extent is 2 MiB (move_huge_pmd): the
# destination maps the same 512 frames as a THP, no PTE table is allocated.
# kernel-notes "which level moves": PMD.
a = mmap(0x100000000000, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 4M, MADV_HUGEPAGE)
store(a, 2M, 'T')
pagemap(a, 2M)
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000400000)
maps()
pagemap(a, 2M, b, 2M)
pgtables()
load(b, 4K)
