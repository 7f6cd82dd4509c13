# Shows: the 6.7 align-down: source and destination start 1 MiB into a 2 MiB block at VMA
# starts, nothing mapped below them in the block, the range reaches the next boundary: both
# are rounded down so the first chunk moves a whole PTE table (one table fewer at the
# destination than without it). kernel-notes "Align-down (6.7+)"; try_realign_addr().
a = mmap(0x100000100000, 2M, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
madvise(a, 2M, MADV_NOHUGEPAGE)
store(a, 2M, 'A')
pgtables()
b = mremap(a, 2M, 2M, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000500000)
pgtables()
load(a, 4K)
pgtables()
pagemap(b, 2M)
