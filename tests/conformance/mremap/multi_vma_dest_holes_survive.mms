# Shows: in a multi-VMA move each VMA is moved (and its destination unmapped) on its own, so
# mappings that lie inside destination holes survive. kernel-notes "Multi-VMA move".
a = mmap(0x100000000000, 12K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
munmap(a + 4K, 4K)
store(a, 4K, 'A')
store(a + 8K, 4K, 'B')
d = mmap(0x100000100000, 12K, PROT_READ, MAP_SHARED|MAP_ANONYMOUS|MAP_FIXED)
b = mremap(a, 12K, 12K, MREMAP_MAYMOVE|MREMAP_FIXED, d)
maps()
load(d, 4K)
load(d + 4K, 4K)
load(d + 8K, 4K)
