# Shows: DONTUNMAP of an mlocked VMA: the source loses lo (VM_LOCKED), the destination keeps it
# and its pages; also for a partial range, the whole source VMA loses lo.
# kernel-notes "DONTUNMAP": lo/lf cleared; dontunmap_complete().
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED|MAP_LOCKED)
b = mremap(a + 4K, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 16K, b, 8K)
