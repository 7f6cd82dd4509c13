# Shows: growth that fills the hole up to a compatible next VMA merges all into one
# (selftest mremap_expand_merge: 3 pages, unmap the middle, grow the first). vma_merge_extend().
a = mmap(0x100000000000, 12K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 12K, 'A')
munmap(a + 4K, 4K)
maps()
b = mremap(a, 4K, 8K, 0)
maps()
pagemap(a, 12K)
