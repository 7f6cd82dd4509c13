# Shows: mirroring the rest of a file next to an earlier mirror of its start merges the two
# (same file, contiguous pgoff).
fd = memfd_create("m", 0)
ftruncate(fd, 32K)
a = mmap(0x100000000000, 32K, PROT_READ|PROT_WRITE, MAP_SHARED|MAP_FIXED, fd, 0)
m = mremap(a, 0, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, 0x100000100000)
n = mremap(a + 16K, 0, 16K, MREMAP_MAYMOVE|MREMAP_FIXED, m + 16K)
maps()
