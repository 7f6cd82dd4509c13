# Shows: align-down can make a chunk PUD-sized: a 1 GiB VMA starting 1 MiB past a 1 GiB
# boundary moved to the same offset is rounded down to the boundary, so its first chunk moves
# the whole PMD table at PUD level. kernel-notes "Align-down": later chunks PUD-aligned too.
a = mmap(0x100040100000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 4K, 'A')
store(a + 512M, 4K, 'B')
store(a + 1G - 4K, 4K, 'C')
pgtables()
b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100100100000)
pgtables()
load(a, 4K)
pgtables()
pagemap(b, 4K, b + 512M, 4K, b + 1G - 4K, 4K)
