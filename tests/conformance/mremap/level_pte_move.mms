# Shows: PTE-level moves. Source and destination differ in their offset within 2 MiB, so each
# chunk gets a new PTE table and the PTEs move one by one. With DONTUNMAP the source keeps its
# (now empty) table, so pgtables() counts the new one. kernel-notes "which level moves": PTE.
a = mmap(0x100000001000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
pgtables()
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000203000)
pgtables()
c = mremap(b, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x1000003ff000)
pgtables()
pagemap(b, 16K, c, 16K)
load(c, 16K)
