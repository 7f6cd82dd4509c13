# Shows: growing a range in the middle of a VMA must move it (with MAYMOVE): the source VMA is
# split around the hole left behind; without MAYMOVE -> ENOMEM.
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 32K, 'A')
mremap(a + 8K, 8K, 16K, 0)
n = mremap(a + 8K, 8K, 16K, MREMAP_MAYMOVE)
maps()
pagemap(a, 32K, n, 16K)
