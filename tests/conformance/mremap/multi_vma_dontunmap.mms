# Shows: a multi-VMA move with DONTUNMAP (selftest mremap_move_multiple_vmas [dontunmap]):
# every source VMA stays, empty; the destinations get the pages, holes kept.
a = mmap(0x100000000000, 20K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
munmap(a + 4K, 4K)
munmap(a + 12K, 4K)
store(a, 4K, 'A')
store(a + 8K, 4K, 'B')
store(a + 16K, 4K, 'C')
b = mremap(a, 20K, 20K, MREMAP_MAYMOVE|MREMAP_FIXED|MREMAP_DONTUNMAP, 0x100000100000)
maps()
pagemap(a, 20K, b, 20K)
