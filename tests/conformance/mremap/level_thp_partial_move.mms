# Shows: moving the first 1 MiB of a THP splits the huge PMD; the moved half and the staying
# half both map pages of the same compound page by PTEs.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_HUGEPAGE)
store(a, 2M, 'T')
b = mremap(a, 1M, 1M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000400000)
maps()
pagemap(b, 1M, a + 1M, 1M)
pgtables()
