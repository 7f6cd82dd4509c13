# Shows: move_page_tables skips chunks with no source tables: moving an untouched 1 GiB
# allocates nothing at the destination.
a = mmap(0x100040000000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
pgtables()
b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100080000000)
pgtables()
store(b, 4K, 'A')
pgtables()
