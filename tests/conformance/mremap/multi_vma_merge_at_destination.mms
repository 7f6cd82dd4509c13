# Shows: two adjacent VMAs that differ only by protection are moved together; changing the
# protection back afterwards merges them (they keep one anon_vma and contiguous pgoff).
a = mmap(0x100000000000, 16K, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED)
store(a, 16K, 'A')
mprotect(a + 8K, 8K, PROT_READ)
b = mremap(a, 16K, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
maps()
mprotect(b + 8K, 8K, PROT_READ|PROT_WRITE)
maps()
