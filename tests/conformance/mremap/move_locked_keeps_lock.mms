# Shows: moving a VM_LOCKED VMA (plain FIXED move) keeps lo on the new VMA and its pages.
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_LOCKED)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(b, 16K)
