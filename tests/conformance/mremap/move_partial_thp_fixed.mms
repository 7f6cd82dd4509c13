# Shows: a FIXED move that starts in the middle of a THP: the VMA split at old_addr splits the
# huge PMD first; the moved pages go PTE by PTE and stay pages of the same THP.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_HUGEPAGE)
store(a, 2M, 'T')
b = mremap(a + 1M, 1M, 1M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000500000)
maps()
pagemap(a, 1M, b, 1M)
pgtables()
