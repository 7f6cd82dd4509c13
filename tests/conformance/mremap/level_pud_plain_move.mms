# Shows: a plain 1 GiB PUD-level move: the PMD table moves, nothing is allocated or freed, and
# the pages keep their frames. kernel-notes "which level moves": PUD; move_normal_pud().
a = mmap(0x100040000000, 1G, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a + 4K, 4K, 'A')
store(a + 700M, 8K, 'B')
pgtables()
b = mremap(a, 1G, 1G, MREMAP_MAYMOVE|MREMAP_FIXED, 0x1000c0000000)
pgtables()
maps()
pagemap(b, 8K, b + 700M, 8K)
