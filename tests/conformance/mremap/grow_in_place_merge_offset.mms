# Shows: selftest mremap_expand_merge_offset: unmap the last page, grow the middle page from its
# own address: the VMA is restored to one 3-page mapping.
a = mmap(0x100000000000, 12K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
munmap(a + 8K, 4K)
b = mremap(a + 4K, 4K, 8K, 0)
maps()
