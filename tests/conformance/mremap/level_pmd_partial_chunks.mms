# Shows: a 2 MiB-aligned move of 3 MiB: the first 2 MiB moves as a PMD entry, the last 1 MiB
# (extent < PMD_SIZE) at PTE level into a new table. get_extent().
a = mmap(0x100000000000, 4M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 4M, MADV_NOHUGEPAGE)
store(a, 4M, 'A')
pgtables()
b = mremap(a, 3M, 3M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000600000)
pgtables()
maps()
