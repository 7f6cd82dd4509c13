# Shows: with FIXED or DONTUNMAP, an unaligned new_addr -> EINVAL, before the lookup (an
# unmapped source still gives EINVAL); without them new_addr is ignored entirely.
# kernel-notes check 6.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100001)
mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP, 0x100000100800)
mremap(0x200000000000, 4K, 4K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x200000100001)
mremap(a, 16K, 8K, 0, 0x100000100001)
mremap(a, 8K, 16K, MREMAP_MAYMOVE, 0x123)
maps()
