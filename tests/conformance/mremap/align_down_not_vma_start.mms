# Shows: no align-down when old_addr is not the start of its VMA (the rounded-down range
# would take part of the VMA with it): can_align_down() requires vm_start == addr.
a = mmap(0x100000080000, 2M + 512K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M + 512K, MADV_NOHUGEPAGE)
store(a, 2M + 512K, 'A')
pgtables()
b = mremap(a + 512K, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000500000)
pgtables()
maps()
