# Shows: 1 GiB + 4 MiB from a 1 GiB-aligned address: the first chunk ends at the PUD boundary
# and moves at PUD level, the rest per 2 MiB at PMD level. get_extent(NORMAL_PUD).
a = mmap(0x100040000000, 1G + 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 4K, 'A')
store(a + 1G, 4K, 'B')
store(a + 1G + 2M, 4K, 'C')
pgtables()
b = mremap(a, 1G + 4M, 1G + 4M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100100000000)
pgtables()
pagemap(b, 4K, b + 1G, 4K, b + 1G + 2M, 4K)
