# Shows: a read fault in a MADV_HUGEPAGE VMA maps the huge zero page with one PMD; a 2 MiB
# aligned move keeps it huge, a misaligned one splits it into small zero-page PTEs.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_HUGEPAGE)
load(a, 4K)
pagemap(a, 2M)
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000400000)
pagemap(b, 2M)
pgtables()
c = mremap(b, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000801000)
pagemap(c, 2M)
pgtables()
