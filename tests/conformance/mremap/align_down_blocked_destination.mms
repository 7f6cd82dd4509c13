# Shows: no align-down when something is mapped below the destination within its 2 MiB block
# (can_align_down() on the new VMA).
m = mmap(0x100000400000, 4K, PROT_READ, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
a = mmap(0x100000100000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_NOHUGEPAGE)
store(a, 2M, 'A')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000500000)
pgtables()
