# Shows: DONTUNMAP of a THP at 2 MiB-aligned addresses moves the huge PMD (and its deposited
# table); the source VMA stays, empty, and a read there maps the huge zero page.
a = mmap(0x100000000000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_HUGEPAGE)
store(a, 2M, 'T')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000400000)
pgtables()
maps()
pagemap(a, 2M, b, 2M)
load(a, 4K)
pagemap(a, 2M)
pgtables()
