# Shows: DONTUNMAP back onto the (kept, empty) source range with FIXED: the source VMA is
# unmapped first as the destination, so the pages return home and the other VMA stays empty.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
c = mremap(b, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, a)
maps()
pagemap(a, 8K, b, 8K)
load(a, 8K)
