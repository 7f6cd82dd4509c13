# Shows: align-down needs the range to reach the next PMD boundary: exactly reaching it (1 MiB
# from a 1 MiB offset) realigns and moves a whole table; 4K short does not (PTE level).
# can_realign_addr(): len_in < old_align_next -> no.
a = mmap(0x100000100000, 1M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 1M, 'A')
pgtables()
b = mremap(a, 1M, 1M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000500000)
pgtables()
c = mmap(0x100000900000, 1M - 4K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(c, 1M - 4K, 'C')
pgtables()
d = mremap(c, 1M - 4K, 1M - 4K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000d00000)
pgtables()
