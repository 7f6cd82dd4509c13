# Shows: a FIXED move of private anonymous memory: the VMA and its pages (same PFNs, still
# exclusive) go to new_addr; the source is unmapped. kernel-notes "Move".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
load(a + 8K, 4K)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 16K, b, 16K)
load(b, 16K)
