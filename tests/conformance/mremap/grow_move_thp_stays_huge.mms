# Shows: growing a 2 MiB THP mapping to 4 MiB when it cannot grow in place moves it to a
# kernel-chosen, 2 MiB-aligned address (THP alignment), so the THP moves as one huge PMD.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
g = mmap(a + 2M, 4K, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_HUGEPAGE)
store(a, 2M, 'T')
pgtables()
b = mremap(a, 2M, 4M, MREMAP_MAYMOVE)
maps()
pagemap(b, 4M)
pgtables()
