# Shows: a FIXED move of part of a VMA to another part of the same VMA: the destination unmap
# splits the VMA first, then the source is looked up again (mremap_to(): "If we remap a
# portion of a VMA elsewhere in the same VMA, this can invalidate the old VMA. Reset.").
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
store(a + 8K, 24K, 'B')
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_FIXED, a + 16K)
maps()
pagemap(a, 32K)
load(a + 8K, 24K)
