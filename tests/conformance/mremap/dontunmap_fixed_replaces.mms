# Shows: DONTUNMAP with FIXED replaces what is at the destination, like a plain FIXED move.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
d = mmap(0x100000100000, 16K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
store(d, 16K, 'D')
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, d + 4K)
maps()
load(d, 16K)
