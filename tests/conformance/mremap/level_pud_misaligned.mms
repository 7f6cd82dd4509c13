# Shows: 1 GiB with source and destination not 1 GiB-aligned relative to each other (offset
# 2 MiB): no PUD move; each 2 MiB moves as a PMD entry into newly allocated PMD tables.
# kernel-notes "which level moves": PUD needs relative 1 GiB alignment.
a = mmap(0x100040000000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 4K, 'A')
store(a + 1G - 4K, 4K, 'C')
pgtables()
b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100080200000)
pgtables()
pagemap(b, 4K, b + 1G - 4K, 4K)
