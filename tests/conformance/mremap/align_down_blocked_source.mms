# Shows: no align-down when something is mapped between the rounded-down address and the
# source VMA's start (can_align_down()): the first chunk moves PTE by PTE into a new table.
m = mmap(0x100000000000, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
a = mmap(0x100000100000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_NOHUGEPAGE)
store(a, 2M, 'A')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000500000)
pgtables()
