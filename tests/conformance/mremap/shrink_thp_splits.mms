# Shows: shrinking into the middle of a THP splits its PMD (the kept half stays a PTE-mapped
# THP); growing it back in place leaves the new part empty.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_HUGEPAGE)
store(a, 2M, 'T')
pgtables()
b = mremap(a, 2M, 1M, 0)
pagemap(a, 2M)
pgtables()
c = mremap(a, 1M, 2M, 0)
pagemap(a, 2M)
maps()
