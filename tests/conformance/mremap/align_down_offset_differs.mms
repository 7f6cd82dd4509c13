# Shows: no align-down when old and new addresses have different offsets within 2 MiB
# (can_realign_addr(): old_align != new_align): everything moves at PTE level.
a = mmap(0x100000100000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_NOHUGEPAGE)
store(a, 2M, 'A')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000501000)
pgtables()
