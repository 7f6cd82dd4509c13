# Shows: a PUD-level move: a whole 1 GiB chunk, both addresses 1 GiB aligned, the new PUD slot
# empty: the PMD table moves as one entry, no PMD or PTE table is allocated (DONTUNMAP keeps
# the source VMA, which needs new tables when touched). kernel-notes "which level moves": PUD.
a = mmap(0x100040000000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 4K, 'A')
store(a + 512M, 4K, 'B')
store(a + 1G - 4K, 4K, 'C')
pgtables()
b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100080000000)
pgtables()
pagemap(b, 4K, b + 512M, 4K, b + 1G - 4K, 4K)
load(a, 4K)
pgtables()
load(b + 512M, 4K)
