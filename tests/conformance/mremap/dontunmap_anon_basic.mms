# Shows: DONTUNMAP on private anon: the pages move, the source VMA stays (same flags and ac)
# with no PTEs; a read then maps the zero page, a write a new page.
# kernel-notes "DONTUNMAP, private anonymous".
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
maps()
pagemap(a, 16K, b, 16K)
load(a, 8K)
store(a + 8K, 4K, 'N')
pagemap(a, 16K)
load(b, 16K)
