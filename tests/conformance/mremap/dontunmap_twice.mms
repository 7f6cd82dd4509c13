# Shows: DONTUNMAP twice from the same (now empty) source: the second destination gets an
# empty VMA; the first keeps the pages.
a = mmap(0x100000000000, 8K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 8K, 'A')
b = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000100000)
c = mremap(a, 8K, 8K, MREMAP_MAYMOVE|MREMAP_DONTUNMAP|MREMAP_FIXED, 0x100000200000)
maps()
pagemap(a, 8K, b, 8K, c, 8K)
load(c, 8K)
load(b, 8K)
