# Shows: an unaligned old address -> EINVAL even inside a mapped VMA; lengths are rounded up
# to a page, so unaligned lengths are fine. kernel-notes "order of checks" 1 and 3.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
mremap(a + 1, 4K, 4K, 0)
mremap(a + 0x800, 4K, 8K, MREMAP_MAYMOVE)
mremap(a, 16K - 1, 8K + 1, 0)
maps()
mremap(a, 1, 4K + 1, 0)
maps()
