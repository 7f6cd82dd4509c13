# Shows: a valid call on an address with no VMA -> EFAULT (grow, shrink, move, DONTUNMAP); an
# address inside a VMA (not at its start) is found. kernel-notes check 8; vma_lookup().
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a + 16K, 4K, 8K, MREMAP_MAYMOVE)
mremap(a - 4K, 8K, 4K, 0)
mremap(a + 64K, 4K, 4K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x100000100000)
mremap(a + 64K, 4K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
mremap(a + 8K, 8K, 4K, 0)
maps()
